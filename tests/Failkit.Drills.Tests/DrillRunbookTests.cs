using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Activities.Sim;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

/// <summary>Drills through the real runbook on the Sim cloud, started through the API as an API client would.</summary>
public sealed class DrillRunbookTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task ApiClientDrill_OnSim_BootsWaveByWaveAndLeavesNothing()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1), ("app-1", 2), ("app-2", 2)], pointAge: TimeSpan.FromMinutes(5));
        using var client = await Plane.ApiClientAsync();

        var response = await client.PostAsJsonAsync("/api/drills", new { protectionGroupId = group.Id });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var drill = await DrillPlane.FinishedAsync(client, id);

        Assert.True(drill["status"]!.GetValue<string>() == DrillStatus.Succeeded, drill.ToJsonString());
        Assert.True(drill["simulated"]!.GetValue<bool>());
        Assert.Equal("api-client", drill["initiator"]!["kind"]!.GetValue<string>());
        Assert.Equal("SIMULATED", drill["result"]!["label"]!.GetValue<string>());
        var vms = drill["vms"]!.AsArray().Select(v => v!.AsObject()).ToList();
        Assert.Equal(["db-1", "app-1", "app-2"], vms.Select(v => v["name"]!.GetValue<string>()));
        foreach (var vm in vms)
        {
            Assert.Equal("Passed", vm["verdict"]!.GetValue<string>());
            Assert.InRange(vm["rtoSeconds"]!.GetValue<double>(), 0.001, 60);
            // The points were taken five minutes before the drill.
            Assert.InRange(vm["rpoSeconds"]!.GetValue<double>(), 290, 400);
            Assert.All(vm["probes"]!.AsArray(), p => Assert.True(p!["passed"]!.GetValue<bool>()));
            Assert.False(string.IsNullOrEmpty(vm["instanceId"]?.GetValue<string>()));
        }

        // Wave 2 was requested only after wave 1 was green.
        var dbGreen = vms[0]["waterfall"]!["probesGreenAt"]!.GetValue<DateTimeOffset>();
        Assert.All(vms.Skip(1), v => Assert.True(v["waterfall"]!["requestedAt"]!.GetValue<DateTimeOffset>() >= dbGreen));
        Assert.Empty(drill["cleanup"]!["leftovers"]!.AsArray());
        Assert.NotEmpty(drill["cleanup"]!["deleted"]!.AsArray());
        var sim = SimCloud.Find(account.Id)!;
        Assert.Equal(3, sim.Instances.Count(i => i.Tags.GetValueOrDefault("failkit-drill") == id.ToString("n")));
        Assert.All(sim.Instances, i => Assert.True(i.Terminated));
        Assert.Empty(sim.Disks);
    }
}
