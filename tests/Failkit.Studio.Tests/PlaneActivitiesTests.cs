using System.Text.Json.Nodes;
using Failkit.Host.Hosting;
using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Studio.Tests;

/// <summary>Without a browser: each role describes every activity its built-in definitions use, and the tenant
/// plane's palette leaves out the management plane's onboarding steps while the management role keeps them.</summary>
public sealed class PlaneActivitiesTests(StudioHost host)
{
    private const string Onboarding = "Tenancy";

    [Fact]
    public async Task EveryActivityTypeOfTheTenantDefinitions_HasADescriptorOnTheTenantPlane()
    {
        using var api = await host.ApiClientAsync("auditor");
        var descriptors = (await api.GetObjectAsync("descriptors/activities"))["items"]!.AsArray()
            .Select(d => ((string)d!["typeName"]!, (int)d["version"]!)).ToHashSet();
        var checkedFiles = new List<string>();
        foreach (var (id, root) in Definitions(management: false))
        {
            checkedFiles.Add(id);
            foreach (var (type, version) in ActivityTypes(root))
            {
                Assert.True(descriptors.Contains((type, version)), $"{id} uses {type} v{version}, which has no descriptor on the tenant plane.");
            }
        }

        // The drill runbooks are what tenants edit; a folder scan that missed them would pass vacuously.
        Assert.Contains("drill-runbook", checkedFiles);
        Assert.Contains("drill-cleanup", checkedFiles);
        Assert.Contains("failkit-example", checkedFiles);
    }

    [Fact]
    public async Task TenantPlane_OffersNoOnboardingActivities()
    {
        using var api = await host.ApiClientAsync("operator");
        var categories = (await api.GetObjectAsync("descriptors/activities"))["items"]!.AsArray()
            .Select(d => (string)d!["category"]!).ToHashSet();
        Assert.DoesNotContain(Onboarding, categories);
        Assert.Contains("Drills", categories);
        Assert.Contains("Cloud", categories);
        Assert.DoesNotContain(host.Services.GetRequiredService<ActivityRegistry>().All, m => m.Descriptor.Category == Onboarding);
    }

    [Fact]
    public void ManagementRole_KeepsEveryActivityItsDefinitionsUse()
    {
        var management = Registry(management: true);
        var definitions = Definitions(management: true).ToList();
        Assert.Equal(["incident-notification", "tenant-onboarding"], definitions.Select(d => d.Id).Order(StringComparer.Ordinal));
        foreach (var (id, root) in definitions)
        {
            foreach (var (type, version) in ActivityTypes(root))
            {
                Assert.True(management.TryGet(type, version, out _), $"{id} uses {type} v{version}, which the management role does not register.");
            }
        }

        var onboarding = ActivityTypes(definitions.Single(d => d.Id == "tenant-onboarding").Root).ToList();
        Assert.Contains(onboarding, u => management.TryGet(u.Type, u.Version, out var m) && m.Descriptor.Category == Onboarding);
        var tenant = Registry(management: false);
        Assert.DoesNotContain(onboarding, u => tenant.TryGet(u.Type, u.Version, out var m) && m.Descriptor.Category == Onboarding);
    }

    /// <summary>The registry the role's own <c>AddFailkitWorkflows</c> configuration builds from the assemblies next
    /// to this test, where the host's build put every activity assembly.</summary>
    private static ActivityRegistry Registry(bool management)
    {
        var services = new ServiceCollection();
        services.AddFailkitWorkflows(w =>
        {
            w.RunWorker = false;
            w.RunTriggers = false;
            w.ForRole(management);
        });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ActivityRegistry>();
    }

    private static IEnumerable<(string Id, JsonNode Root)> Definitions(bool management) =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "workflows", "definitions"), "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .Select(d => ((string)d["definitionId"]!, d["root"]!))
            .Where(d => BuiltInDefinitions.ManagementDefinitions.Contains(d.Item1) == management);

    /// <summary>Activities are the objects with an <c>id</c> and a <c>type</c>; expressions have a type but no id.</summary>
    private static IEnumerable<(string Type, int Version)> ActivityTypes(JsonNode node)
    {
        if (node is JsonObject o)
        {
            if (o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && o.ContainsKey("id"))
            {
                yield return (type, o["version"] is JsonValue v ? (int)v : 1);
            }

            foreach (var found in o.Select(p => p.Value).OfType<JsonNode>().SelectMany(ActivityTypes))
            {
                yield return found;
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var found in a.OfType<JsonNode>().SelectMany(ActivityTypes))
            {
                yield return found;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Failkit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Failkit.sln not found above the test binaries.");
    }
}
