using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Tests.Fixtures;
using Failkit.Tenancy;
using Failkit.Testing;

namespace Failkit.Drills.Tests;

/// <summary>The second wall: inside a tenant's own database, the drill tables are forced-RLS, and a session scoped to
/// another tenant (or to none) sees none of its rows.</summary>
public sealed class DrillIsolationTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private static readonly string[] Tables = ["cloud_accounts", "protection_groups", "protected_vms", "drills", "drill_vms", "approvals"];

    [Fact]
    public async Task DrillTables_WrittenAsTenantA_AreInvisibleScopedAsTenantB()
    {
        var plane = fixture.Plane;
        var account = await plane.SimAccountAsync();
        var group = await plane.GroupAsync(account.Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        using var client = await plane.ApiClientAsync();
        var started = await client.PostAsJsonAsync("/api/drills", new { protectionGroupId = group.Id, requireApproval = true });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await DrillPlane.DecideWhenWaitingAsync(client, id, new { decision = "rejected" })).EnsureSuccessStatusCode();
        await DrillPlane.FinishedAsync(client, id);

        var app = plane.Tenant.AppConnectionString;
        var other = TenantConnectionStrings.Scope(app, TenantSlug.Parse("other-tenant"));
        foreach (var table in Tables)
        {
            Assert.True(await TestSql.ScalarAsync<long>(app, $"SELECT count(*) FROM drills.{table}") > 0, $"tenant A wrote no {table}");
            Assert.Equal(0, await TestSql.ScalarAsync<long>(other, $"SELECT count(*) FROM drills.{table}"));
            Assert.True(await TestSql.ScalarAsync<bool>(app,
                $"SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'drills.{table}'::regclass"), $"{table} is not forced-RLS");
        }

        // A row written under B's scope, even one pointing at A's drill, is B's: A's drill still shows its one VM.
        await TestSql.ExecuteAsync(other, "INSERT INTO drills.drill_vms (drill_id, name, wave, status) VALUES ($1, 'planted', 1, 'Green')", id);
        var drill = (await client.GetFromJsonAsync<JsonObject>($"/api/drills/{id}"))!;
        Assert.Equal(["web-1"], drill["vms"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
    }
}
