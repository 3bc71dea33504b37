using System.Text.Json.Nodes;
using Failkit.Management;
using Failkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Failkit.Activities.Tenancy.Tests;

/// <summary>The production registrations (<c>AddFailkitManagement</c>, <c>AddFailkitWorkflows</c> with this project's
/// activities) over a fresh management database on the test cluster, and the shipped onboarding definition cut down to
/// the steps that need no tenant-plane process.</summary>
internal static class Onboarding
{
    public static readonly string[] DatabaseSteps = ["create-database", "migrate", "secure-tables", "signing-key"];

    public static async Task<WorkflowTestHost> HostAsync(string keyRings)
    {
        var management = await TestPostgres.CreateDatabaseAsync("mgmt");
        var admin = await TestPostgres.AdminConnectionStringAsync();
        return WorkflowTestHost.Create(
            services =>
            {
                services.AddLogging();
                services.AddFailkitManagement(o =>
                {
                    o.ConnectionString = management;
                    o.AdminConnectionString = admin;
                    o.KeyRingDirectory = Path.Combine(keyRings, "management");
                    o.TenantKeyRingRoot = Path.Combine(keyRings, "tenants");
                });
            },
            workflows => workflows.AddActivitiesFrom(typeof(CreateTenantDatabase).Assembly));
    }

    /// <summary>tenant-onboarding.json with only <paramref name="steps"/> (in their order) after Start.</summary>
    public static string Definition(string id, params string[] steps)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "tenant-onboarding.json")))!.AsObject();
        definition["definitionId"] = id;
        var flow = definition["root"]!.AsObject();
        var keep = new HashSet<string>(["start", .. steps], StringComparer.Ordinal);
        var activities = flow["activities"]!.AsArray().Where(a => keep.Contains(a!["id"]!.GetValue<string>())).Select(a => a!.DeepClone()).ToArray();
        flow["activities"] = new JsonArray(activities);
        string[] chain = ["start", .. steps];
        flow["connections"] = new JsonArray(chain.Zip(chain.Skip(1), (from, to) => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        }).ToArray());
        return definition.ToJsonString();
    }

    public static string NewSlug() => ("on" + Guid.NewGuid().ToString("N"))[..14];

    public static async Task<T> ScalarAsync<T>(string database, string sql, params object[] args) =>
        await TestSql.ScalarAsync<T>(new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = database }.ConnectionString, sql, args);
}
