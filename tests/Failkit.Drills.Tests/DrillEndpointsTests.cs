using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

public sealed class DrillEndpointsTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task StartApproveAndCancel_AreAudited_WithWhoFromWhereAndTheChange()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1)], pointAge: TimeSpan.FromMinutes(5));
        using var client = await Plane.ApiClientAsync();

        var approved = await StartAsync(client, group.Id);
        (await DrillPlane.DecideWhenWaitingAsync(client, approved, new { decision = "approved", comment = "change CHG-7" })).EnsureSuccessStatusCode();
        var cancelled = await StartAsync(client, group.Id);
        await DrillPlane.WaitAsync(client, cancelled, d => d["status"]?.GetValue<string>() == DrillStatus.Running);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/drills/{cancelled}/cancel", null)).StatusCode);
        await DrillPlane.FinishedAsync(client, approved);
        await DrillPlane.FinishedAsync(client, cancelled);

        var first = await AuditRows.ForAsync(Plane, approved.ToString());
        Assert.Equal(["drill.started", "drill.approved"], first.Select(e => e.Kind));
        var second = await AuditRows.ForAsync(Plane, cancelled.ToString());
        Assert.Equal(["drill.started", "drill.cancel-requested"], second.Select(e => e.Kind));
        Assert.All(first.Concat(second), e =>
        {
            Assert.StartsWith("client:", e.Actor, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", e.Source);
        });
        var started = JsonNode.Parse(first[0].After!)!;
        Assert.Equal(group.Id, started["request"]!["protectionGroupId"]!.GetValue<Guid>());
        Assert.True(started["request"]!["requireApproval"]!.GetValue<bool>());
        Assert.Equal("change CHG-7", first[1].Detail);
        Assert.Equal("approved", JsonNode.Parse(first[1].After!)!["decision"]!.GetValue<string>());
        Assert.False(JsonNode.Parse(second[1].Before!)!["cancelRequested"]!.GetValue<bool>());
        Assert.True(JsonNode.Parse(second[1].After!)!["cancelRequested"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ACancelBeforeTheApprovalGateIsReached_RejectsAtTheGate_InsteadOfWaitingForAnApprover()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(5));
        using var client = await Plane.ApiClientAsync();

        var drill = await StartAsync(client, group.Id);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/drills/{drill}/cancel", null)).StatusCode);

        var finished = await DrillPlane.FinishedAsync(client, drill);
        Assert.Equal(DrillStatus.Cancelled, finished["status"]!.GetValue<string>());
    }

    private static async Task<Guid> StartAsync(HttpClient client, Guid groupId)
    {
        var response = await client.PostAsJsonAsync("/api/drills", new { protectionGroupId = groupId, requireApproval = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }
}
