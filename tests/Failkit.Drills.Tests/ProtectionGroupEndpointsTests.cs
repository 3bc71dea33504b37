using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

public sealed class ProtectionGroupEndpointsTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task CreateUpdateDelete_EachIsAuditedWithTheGroupBeforeAndAfter()
    {
        var account = await Plane.SimAccountAsync();
        using var admin = await Plane.ApiClientAsync("admin");
        var name = $"pg-{Guid.NewGuid():N}"[..20];
        var created = await admin.PostAsJsonAsync("/api/protection-groups", Input(name, account.Id, rto: 30));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var updated = await admin.PutAsJsonAsync($"/api/protection-groups/{id}", Input(name + "-b", account.Id, rto: 45));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(45, (await updated.Content.ReadFromJsonAsync<JsonObject>())!["rtoTargetMinutes"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/protection-groups/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/protection-groups/{id}")).StatusCode);

        var events = await AuditRows.ForAsync(Plane, id.ToString());
        Assert.Equal(["protection-group.created", "protection-group.updated", "protection-group.deleted"], events.Select(e => e.Kind));
        Assert.All(events, e =>
        {
            Assert.StartsWith("client:", e.Actor, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", e.Source);
        });
        Assert.Null(events[0].Before);
        Assert.Equal(30, Rto(events[0].After));
        Assert.Equal((30, 45), (Rto(events[1].Before), Rto(events[1].After)));
        Assert.Equal(name + "-b", JsonNode.Parse(events[1].After!)!["name"]!.GetValue<string>());
        Assert.Equal("web-1", JsonNode.Parse(events[1].After!)!["vms"]![0]!["name"]!.GetValue<string>());
        Assert.Equal((45, (string?)null), (Rto(events[2].Before), events[2].After));
    }

    [Fact]
    public async Task UpdateAndDelete_OfAMissingGroupAre404_AndABadUpdateIs400_NothingAudited()
    {
        var account = await Plane.SimAccountAsync();
        using var admin = await Plane.ApiClientAsync("admin");
        var missing = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/protection-groups/{missing}", Input("x-1", account.Id, 10))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/protection-groups/{missing}")).StatusCode);
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1)]);
        var bad = await admin.PutAsJsonAsync($"/api/protection-groups/{group.Id}", Input(group.Name, account.Id, rto: 0));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rtoTargetMinutes", out _));
        Assert.Empty(await AuditRows.ForAsync(Plane, missing.ToString()));
        Assert.Empty(await AuditRows.ForAsync(Plane, group.Id.ToString()));
    }

    private static object Input(string name, Guid accountId, int rto) => new
    {
        name,
        cloudAccountId = accountId,
        rtoTargetMinutes = rto,
        rpoTargetMinutes = 60,
        vms = new[] { new { name = "web-1", wave = 1, size = "small", disks = new[] { new { name = $"{name}-os", sizeBytes = 1L << 30 } }, probes = Array.Empty<object>() } },
    };

    private static int Rto(string? json) => JsonNode.Parse(json ?? throw new InvalidOperationException("no state"))!["rtoTargetMinutes"]!.GetValue<int>();
}
