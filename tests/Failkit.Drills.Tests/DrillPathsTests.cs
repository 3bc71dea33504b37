using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Activities.Sim;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

/// <summary>The paths a drill can take besides success: a failing VM, a cancel, an approval, a faulted runbook. On each,
/// cleanup runs and proves itself.</summary>
public sealed class DrillPathsTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task FailingVm_FailsTheVerdict_AndCleanupStillRuns()
    {
        var account = await Plane.SimAccountAsync(new JsonObject { ["failures"] = new JsonObject { ["bootFailure"] = new JsonArray("app-1") } });
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1), ("app-1", 2), ("app-2", 2)], pointAge: TimeSpan.FromMinutes(1));
        using var client = await Plane.ApiClientAsync();

        var drill = await DrillPlane.FinishedAsync(client, await StartAsync(client, new { protectionGroupId = group.Id }));

        Assert.Equal(DrillStatus.Failed, drill["status"]!.GetValue<string>());
        var vms = drill["vms"]!.AsArray().ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!.AsObject());
        Assert.Equal("Failed", vms["app-1"]["verdict"]!.GetValue<string>());
        Assert.Contains("instance failed", vms["app-1"]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Passed", vms["db-1"]["verdict"]!.GetValue<string>());
        Assert.Equal("Passed", vms["app-2"]["verdict"]!.GetValue<string>());
        Assert.Contains(drill["result"]!["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("app-1:", StringComparison.Ordinal));
        Assert.Empty(drill["cleanup"]!["leftovers"]!.AsArray());
        Assert.All(SimCloud.Find(account.Id)!.Instances, i => Assert.True(i.Terminated));
    }

    [Fact]
    public async Task CancelMidWave_StopsBooting_AndCleansUp()
    {
        // Boots take 60 simulated seconds (0.6 s here): the cancel lands while wave 1 is booting.
        var account = await Plane.SimAccountAsync(new JsonObject { ["timeScale"] = 0.01, ["bootLatency"] = 60 });
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1), ("db-2", 1), ("app-1", 2)], pointAge: TimeSpan.FromMinutes(1));
        using var client = await Plane.ApiClientAsync();
        var id = await StartAsync(client, new { protectionGroupId = group.Id });
        await DrillPlane.WaitAsync(client, id, d => d["vms"]!.AsArray().Any(v => v!["status"]!.GetValue<string>() == VmStatus.Booting && v["instanceId"] is not null));

        var cancel = await client.PostAsync($"/api/drills/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var drill = await DrillPlane.FinishedAsync(client, id);

        Assert.Equal(DrillStatus.Cancelled, drill["status"]!.GetValue<string>());
        Assert.NotNull(drill["cancelRequestedAt"]);
        var app = drill["vms"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "app-1")!;
        Assert.Equal(VmStatus.Cancelled, app["status"]!.GetValue<string>());
        Assert.Null(app["instanceId"]);
        Assert.Empty(drill["cleanup"]!["leftovers"]!.AsArray());
        var sim = SimCloud.Find(account.Id)!;
        Assert.Equal(2, sim.Instances.Count);
        Assert.All(sim.Instances, i => Assert.True(i.Terminated));
        // A second cancel of a finished drill is refused as a problem, not ignored.
        var again = await client.PostAsync($"/api/drills/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RequiredApproval_WaitsForTheApprover_AndRecordsWhoAndWhen()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        using var client = await Plane.ApiClientAsync();
        var id = await StartAsync(client, new { protectionGroupId = group.Id, requireApproval = true });
        await Task.Delay(1000);
        var waiting = await client.GetFromJsonAsync<JsonObject>($"/api/drills/{id}");
        Assert.Equal(DrillStatus.Running, waiting!["status"]!.GetValue<string>());
        Assert.Null(waiting["vms"]![0]!["instanceId"]);
        Assert.Empty(SimCloud.Find(account.Id)?.Instances ?? []);

        var bad = await client.PostAsJsonAsync($"/api/drills/{id}/approve", new { decision = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var approve = await DrillPlane.DecideWhenWaitingAsync(client, id, new { decision = "approved", comment = "change CHG-1" });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var drill = await DrillPlane.FinishedAsync(client, id);

        Assert.Equal(DrillStatus.Succeeded, drill["status"]!.GetValue<string>());
        var approval = Assert.Single(drill["approvals"]!.AsArray())!;
        Assert.Equal("approved", approval["decision"]!.GetValue<string>());
        Assert.StartsWith("client:", approval["decidedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("change CHG-1", approval["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunbookThatFaults_GetsTheCleanupRunbook_AndFails()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1), ("app-1", 2)], pointAge: TimeSpan.FromMinutes(1));
        var runbook = await Runbooks.PublishFaultingCopyAsync(Plane, "runbook-faults-" + Guid.NewGuid().ToString("N")[..6]);
        using var client = await Plane.ApiClientAsync();

        var drill = await DrillPlane.FinishedAsync(client, await StartAsync(client, new { protectionGroupId = group.Id, runbookDefinitionId = runbook }));

        Assert.Equal(DrillStatus.Failed, drill["status"]!.GetValue<string>());
        Assert.Equal($"{drill["id"]}-cleanup", drill["cleanupInstanceId"]!.GetValue<string>());
        Assert.Contains(drill["result"]!["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("INJECTED", StringComparison.Ordinal));
        Assert.Empty(drill["cleanup"]!["leftovers"]!.AsArray());
        var sim = SimCloud.Find(account.Id)!;
        Assert.NotEmpty(sim.Instances);
        Assert.All(sim.Instances, i => Assert.True(i.Terminated));
    }

    private static async Task<Guid> StartAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/drills", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<Guid>();
    }
}
