using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Failkit.Drills.Tests.Fixtures;
using Failkit.Testing;

namespace Failkit.Drills.Tests;

/// <summary>How drills start: bad requests are refused with problem details and start nothing; a cron schedule starts one.</summary>
public sealed class DrillStartTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task UnknownGroup_Is400_AndStartsNothing()
    {
        using var client = await Plane.ApiClientAsync();
        var problem = await RefusedAsync(client, new { protectionGroupId = Guid.NewGuid() });
        Assert.Contains("no protection group", problem["errors"]!["protectionGroupId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupWithoutRecoveryPoint_Is400_NamingTheDisk()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1)]);
        using var client = await Plane.ApiClientAsync();

        var problem = await RefusedAsync(client, new { protectionGroupId = group.Id });
        Assert.Contains(group.Vms[0].Disks[0].Name, problem["errors"]!["recoveryPoints"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        // The ransomware case: a point exists, but none before the requested time.
        await Plane.RecordPointAsync(group.Vms[0].Disks[0].Name, DateTimeOffset.UtcNow.AddMinutes(-1));
        var before = await RefusedAsync(client, new { protectionGroupId = group.Id, recoveryPointBefore = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Contains("at or before", before["errors"]!["recoveryPoints"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountWithoutCredentials_Is400()
    {
        // Stored directly: the API itself refuses to create such an account (checked below).
        var account = await Plane.Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"aws-{Guid.NewGuid():N}", CloudKind.Aws, "eu-west-1",
            new DrillNetwork("vpc-1", "subnet-1", "sg-1"), null, null, [], []), CancellationToken.None);
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        using var client = await Plane.ApiClientAsync();

        var problem = await RefusedAsync(client, new { protectionGroupId = group.Id });
        Assert.Contains("roleArn", problem["errors"]!["cloudAccount"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        using var admin = await Plane.ApiClientAsync("admin");
        var create = await admin.PostAsJsonAsync("/api/cloud-accounts", new
        {
            name = "no-creds", kind = "Aws", region = "eu-west-1", network = new { network = "vpc-1", subnet = "subnet-1", securityGroup = "sg-1" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("credentials", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunbookNamingAMissingVm_Is400()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        var runbook = await Runbooks.PublishNamingVmAsync(Plane, "runbook-ghost-" + Guid.NewGuid().ToString("N")[..6], "ghost-vm");
        using var client = await Plane.ApiClientAsync();

        var problem = await RefusedAsync(client, new { protectionGroupId = group.Id, runbookDefinitionId = runbook });
        Assert.Contains("ghost-vm", problem["errors"]!["runbook"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var version = await RefusedAsync(client, new { protectionGroupId = group.Id, runbookVersion = 99 });
        Assert.Contains("no version 99", version["errors"]!["runbookVersion"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditor_CannotStartADrill()
    {
        using var auditor = await Plane.ApiClientAsync("auditor");
        var response = await auditor.PostAsJsonAsync("/api/drills", new { protectionGroupId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/drills")).StatusCode);
    }

    [Fact]
    public async Task CronSchedule_StartsADrill_Once()
    {
        var account = await Plane.SimAccountAsync();
        // Due every second; the scheduler looks every 200 ms.
        var group = await Plane.GroupAsync(account.Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1), schedule: "* * * * * *");
        await TestSql.ExecuteAsync(Plane.Tenant.OwnerConnectionString,
            "UPDATE drills.protection_groups SET next_run_at = now() WHERE id = $1", group.Id);
        using var client = await Plane.ApiClientAsync();

        JsonArray drills = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && drills.Count == 0; await Task.Delay(100))
        {
            drills = (await client.GetFromJsonAsync<JsonArray>($"/api/drills?protectionGroupId={group.Id}"))!;
        }

        // Stop it firing, then check what it started.
        await TestSql.ExecuteAsync(Plane.Tenant.OwnerConnectionString, "UPDATE drills.protection_groups SET schedule = NULL WHERE id = $1", group.Id);
        var first = Assert.IsType<JsonObject>(drills.First());
        Assert.Equal("schedule", first["initiator"]!["kind"]!.GetValue<string>());
        var drill = await DrillPlane.FinishedAsync(client, first["id"]!.GetValue<Guid>());
        Assert.Equal(DrillStatus.Succeeded, drill["status"]!.GetValue<string>());
        // Each due occurrence started exactly one drill: no two drills of the group share a start second.
        var all = (await client.GetFromJsonAsync<JsonArray>($"/api/drills?protectionGroupId={group.Id}"))!;
        var seconds = all.Select(d => d!["initiator"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(seconds.Count, seconds.Distinct().Count());
    }

    private async Task<JsonObject> RefusedAsync(HttpClient client, object body)
    {
        var before = await TestSql.ScalarAsync<long>(Plane.Tenant.OwnerConnectionString, "SELECT count(*) FROM drills.drills");
        var response = await client.PostAsJsonAsync("/api/drills", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await TestSql.ScalarAsync<long>(Plane.Tenant.OwnerConnectionString, "SELECT count(*) FROM drills.drills"));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
