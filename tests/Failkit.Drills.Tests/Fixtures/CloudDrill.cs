using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>The drill every provider runs through the real runbook: three VMs in two waves, each with one disk, an HTTP
/// probe and a TCP probe against a <see cref="ProbeTarget"/>, and recovery points taken five minutes ago.</summary>
public static class CloudDrill
{
    public const string QuickSweepRunbook = "drill-runbook-quick-sweep";

    public static IReadOnlyList<(string Name, int Wave)> Vms { get; } = [("db-1", 1), ("app-1", 2), ("app-2", 2)];

    public static async Task<CloudAccountView> AccountAsync(DrillPlane plane, CloudKind kind, string region, DrillNetwork network, string instanceType,
        JsonObject settings, JsonObject? secret)
    {
        ArgumentNullException.ThrowIfNull(plane);
        return await plane.Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"{kind}-{Guid.NewGuid():N}".ToLowerInvariant(), kind, region, network,
            new Dictionary<string, string> { ["small"] = instanceType }, new Dictionary<string, string> { ["owner"] = "failkit-tests" }, settings, secret),
            CancellationToken.None);
    }

    public static async Task<ProtectionGroup> GroupAsync(DrillPlane plane, Guid accountId, ProbeTarget target)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(target);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        ProbeSpec[] probes =
        [
            new("health", ProbeKind.Http, Url: $"http://{{address}}:{target.Port}/health", ExpectedBody: "healthy"),
            new("port", ProbeKind.Tcp, Port: target.Port),
        ];
        var vms = Vms.Select(v => new ProtectedVm(v.Name, v.Wave, "small", [new VmDisk($"{prefix}-{v.Name}-os", 8L << 20)], probes)).ToList();
        var group = await plane.Get<ProtectionGroupStore>().CreateAsync(
            new ProtectionGroupInput($"group-{prefix}", accountId, 60, 60, null, null, vms), null, CancellationToken.None);
        foreach (var disk in vms.SelectMany(v => v.Disks))
        {
            await plane.RecordPointAsync(disk.Name, DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        return group;
    }

    /// <summary>Starts a drill through <c>POST /api/drills</c> and returns its id and drill tag.</summary>
    public static async Task<(Guid Id, string Tag)> StartAsync(HttpClient client, Guid groupId, string? runbook = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/drills", new { protectionGroupId = groupId, runbookDefinitionId = runbook });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        return (id, DrillTags.ValueFor(id));
    }

    public static void AssertSucceeded(JsonObject drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        Assert.True(drill["status"]!.GetValue<string>() == DrillStatus.Succeeded, drill.ToJsonString());
        Assert.False(drill["simulated"]!.GetValue<bool>());
        var vms = drill["vms"]!.AsArray().Select(v => v!.AsObject()).ToList();
        Assert.Equal(Vms.Select(v => v.Name), vms.Select(v => v["name"]!.GetValue<string>()));
        foreach (var vm in vms)
        {
            Assert.True(vm["verdict"]!.GetValue<string>() == "Passed", vm.ToJsonString());
            Assert.Equal(2, vm["probes"]!.AsArray().Count(p => p!["passed"]!.GetValue<bool>()));
            Assert.False(string.IsNullOrEmpty(vm["instanceId"]?.GetValue<string>()));
        }

        Assert.Empty(drill["cleanup"]!["leftovers"]!.AsArray());
        Assert.NotEmpty(drill["cleanup"]!["deleted"]!.AsArray());
    }

    /// <summary>The ids of the drill's leftovers as the API reports them.</summary>
    public static IReadOnlyList<string> Leftovers(JsonObject drill) =>
        drill["cleanup"]?["leftovers"] is JsonArray leftovers ? [.. leftovers.Select(l => l!["id"]!.GetValue<string>())] : [];

    /// <summary>Publishes, once per plane, a copy of the built-in runbook whose verify-cleanup gives up after 2 s instead
    /// of 30 s: what a tenant would do in the designer, so a leak test does not sit out the production patience.</summary>
    public static async Task<string> QuickSweepRunbookAsync(DrillPlane plane)
    {
        ArgumentNullException.ThrowIfNull(plane);
        var store = plane.Get<IWorkflowDefinitionStore>();
        if ((await store.GetVersionsAsync(QuickSweepRunbook, CancellationToken.None)).Count > 0)
        {
            return QuickSweepRunbook;
        }

        var builtIn = (await store.GetVersionsAsync(ProtectionGroupStore.DefaultRunbook, CancellationToken.None)).Single(d => d.IsPublished);
        var copy = builtIn.Clone();
        copy.Id = Guid.NewGuid().ToString("N");
        copy.DefinitionId = QuickSweepRunbook;
        copy.Name = "Drill runbook, quick sweep";
        copy.Version = 1;
        copy.IsSystem = false;
        copy.IsReadonly = false;
        (copy.IsLatest, copy.IsPublished) = (true, true);
        var verify = copy.Root["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "verify-cleanup")!;
        verify["timeout"] = Literal("00:00:02");
        verify["pollInterval"] = Literal("00:00:00.200");
        await store.UpdateAsync(QuickSweepRunbook, versions => { versions.Add(copy); return true; }, CancellationToken.None);
        return QuickSweepRunbook;
    }

    private static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "TimeSpan",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
