using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

public sealed class CloudAccountEndpointsTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private const string Secret = "s3cr3t-value-98765";

    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task CreateAndDelete_AreAudited_AndTheSecretIsNeverInTheLog()
    {
        using var admin = await Plane.ApiClientAsync("admin");
        var name = $"acct-{Guid.NewGuid():N}"[..20];
        var created = await admin.PostAsJsonAsync("/api/cloud-accounts", new
        {
            name,
            kind = "Sim",
            region = "sim-1",
            network = new { network = "drill-net", subnet = "drill-subnet" },
            settings = new { seed = 3 },
            secret = new { token = Secret },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/cloud-accounts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/cloud-accounts/{id}")).StatusCode);

        var events = await AuditRows.ForAsync(Plane, id.ToString());
        Assert.Equal(["cloud-account.created", "cloud-account.deleted"], events.Select(e => e.Kind));
        Assert.All(events, e =>
        {
            Assert.Equal((name, "127.0.0.1"), (e.Detail, e.Source));
            Assert.StartsWith("client:", e.Actor, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, $"{e.Detail}{e.Before}{e.After}", StringComparison.Ordinal);
            Assert.DoesNotContain("secret", $"{e.Before}{e.After}", StringComparison.OrdinalIgnoreCase);
        });
        Assert.Null(events[0].Before);
        Assert.Equal(3, JsonNode.Parse(events[0].After!)!["settings"]!["seed"]!.GetValue<int>());
        Assert.Equal(name, JsonNode.Parse(events[1].Before!)!["name"]!.GetValue<string>());
        Assert.Null(events[1].After);
    }

    [Fact]
    public async Task DeletingAnAccountAGroupUses_Is409_AndKeepsIt()
    {
        var account = await Plane.SimAccountAsync();
        await Plane.GroupAsync(account.Id, [("db-1", 1)]);
        using var admin = await Plane.ApiClientAsync("admin");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/cloud-accounts/{account.Id}")).StatusCode);
        Assert.Contains(await Plane.Get<CloudAccountStore>().ListAsync(CancellationToken.None), a => a.Id == account.Id);
        Assert.Empty(await AuditRows.ForAsync(Plane, account.Id.ToString()));
    }
}
