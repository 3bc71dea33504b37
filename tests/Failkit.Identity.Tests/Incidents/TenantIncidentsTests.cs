using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests.Incidents;

/// <summary>The tenant plane's side of incident response, on the real plane: the management plane reads the people to
/// notify and hands over notices with the plane key; the tenant reads its incidents and its audit log.</summary>
public sealed class TenantIncidentsTests(SharedPlane shared)
{
    private static readonly string[] OwnersOnly = ["owner"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManagementPlane_ReadsOwnersAndRecordsANotice_TheTenantSeesItInItsIncidentsAndAuditLog()
    {
        var plane = shared.Plane;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await plane.CreateUserAsync(Roles.Owner, $"own-{suffix}@acme.test");
        await plane.CreateUserAsync(Roles.Auditor, $"aud-{suffix}@acme.test");
        var incidentId = Guid.NewGuid();
        using var anonymous = plane.Anonymous();

        var owners = await SendAsync<string[]>(anonymous, "/internal/incidents/recipients", new { roles = OwnersOnly });
        using var noKey = await anonymous.PostAsJsonAsync("/internal/incidents/notices", new { incidentId }, Ct);
        var notice = new { incidentId, kind = "incident.notified", title = $"Key exposure {suffix}", severity = "high", state = "open",
            message = $"Incident notice emailed to own-{suffix}@acme.test (owner).", at = DateTimeOffset.UtcNow };
        using var recorded = await KeyedAsync(anonymous, "/internal/incidents/notices", notice);

        Assert.Contains($"own-{suffix}@acme.test", owners!);
        Assert.DoesNotContain($"aud-{suffix}@acme.test", owners!);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, recorded.StatusCode);
        var (clientId, secret, _) = await Tokens.CreateClientAsync(plane, Roles.Auditor);
        using var auditor = Tokens.Bearer(plane, await Tokens.AccessTokenAsync(plane, clientId, secret));
        var incidents = (await auditor.GetFromJsonAsync<JsonArray>("/api/incidents", Ct))!;
        var mine = incidents.Single(i => i!["incidentId"]!.GetValue<Guid>() == incidentId)!;
        Assert.Equal($"Key exposure {suffix}", mine["title"]!.GetValue<string>());
        Assert.Equal("incident.notified", mine["notices"]![0]!["kind"]!.GetValue<string>());
        var audit = await auditor.GetStringAsync("/api/audit-events?kind=incident.notified", Ct);
        Assert.Contains(incidentId.ToString(), audit, StringComparison.Ordinal);
    }

    private static async Task<T?> SendAsync<T>(HttpClient client, string path, object body)
    {
        using var response = await KeyedAsync(client, path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<T>(Ct);
    }

    private static async Task<HttpResponseMessage> KeyedAsync(HttpClient client, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", TenantPlane.PlaneKey);
        return await client.SendAsync(request, Ct);
    }
}
