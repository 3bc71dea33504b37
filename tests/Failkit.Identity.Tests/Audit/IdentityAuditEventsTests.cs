using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests.Audit;

/// <summary>The identity module's administrative events carry who, what, from where (the client the gateway saw, per
/// <c>X-Forwarded-For</c> on the gateway's loopback connection) and the state before and after.</summary>
public sealed class IdentityAuditEventsTests(SharedPlane shared)
{
    private const string Client = "203.0.113.25";

    [Fact]
    public async Task UserCreatedRoleChangedDisabledDeleted_RecordActorSourceBeforeAndAfter()
    {
        var signedIn = await SignedInOwnerAsync();
        using var owner = signedIn.Browser;
        var actor = signedIn.Actor;
        var email = $"audited-{Guid.NewGuid():N}@example.test";
        var created = await SendAsync(owner, HttpMethod.Post, "/api/users", new { email, role = "auditor", password = Passwords.Default });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await SendAsync(owner, HttpMethod.Put, $"/api/users/{id}/role", new { role = "operator" });
        await SendAsync(owner, HttpMethod.Post, $"/api/users/{id}/disable", null);
        await SendAsync(owner, HttpMethod.Delete, $"/api/users/{id}", null);

        var events = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "target = $1", email);
        Assert.Equal(["user.created", "user.role-changed", "user.disabled", "user.deleted"], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal((actor, Client), (e.Actor, e.Source)));
        Assert.Null(events[0].Before);
        Assert.Equal("auditor", Field(events[0].After, "role"));
        Assert.Equal(("auditor", "operator"), (Field(events[1].Before, "role"), Field(events[1].After, "role")));
        Assert.Equal(("active", "disabled"), (Field(events[2].Before, "status"), Field(events[2].After, "status")));
        Assert.Equal(("disabled", null), (Field(events[3].Before, "status"), events[3].After));
        Assert.DoesNotContain(events, e => (e.Before + e.After).Contains("password", StringComparison.OrdinalIgnoreCase));

        // Events without a before/after (here the owner's login) take their source from the request too.
        var login = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "kind = 'login.succeeded' AND actor = $1", actor);
        Assert.Equal("127.0.0.1", Assert.Single(login).Source);
    }

    [Fact]
    public async Task ApiClientCreatedAndRevoked_NeverLogTheSecret_AndSupportGrantsCarryTheSource()
    {
        using var owner = await shared.Plane.SignedInAsync(Roles.Owner);
        var created = await (await SendAsync(owner, HttpMethod.Post, "/api/api-clients", new { name = "audited", role = "auditor" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var clientId = created.GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        await SendAsync(owner, HttpMethod.Delete, $"/api/api-clients/{clientId}", null);
        var grant = await (await SendAsync(owner, HttpMethod.Post, "/api/support-grants", new { scope = "read", hours = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var grantId = grant.GetProperty("id").GetString()!;
        await SendAsync(owner, HttpMethod.Delete, $"/api/support-grants/{grantId}", null);

        var clients = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "target = $1", clientId);
        Assert.Equal(["api-client.created", "api-client.revoked"], clients.Select(e => e.Kind));
        Assert.All(clients, e => Assert.Equal(Client, e.Source));
        Assert.DoesNotContain(clients, e => $"{e.Detail}{e.Before}{e.After}".Contains(secret, StringComparison.Ordinal));
        Assert.Equal("auditor", Field(clients[0].After, "role"));
        Assert.Null(Field(clients[1].Before, "revokedAt"));
        Assert.NotNull(Field(clients[1].After, "revokedAt"));

        var grants = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "target = $1", grantId);
        Assert.Equal(["support-grant.created", "support-grant.revoked"], grants.Select(e => e.Kind));
        Assert.All(grants, e => Assert.Equal(Client, e.Source));
        Assert.Equal("read", Field(grants[0].After, "scope"));
        Assert.NotNull(Field(grants[1].After, "revokedAt"));
    }

    /// <summary>A request as it arrives from the gateway: the client's address in <c>X-Forwarded-For</c>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(Browser browser, HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", TenantPlane.PublicUrl);
        request.Headers.Add("X-Forwarded-For", Client);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await browser.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private async Task<(Browser Browser, string Actor)> SignedInOwnerAsync()
    {
        var user = await shared.Plane.CreateUserAsync(Roles.Owner);
        var browser = shared.Plane.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(user.Email, Passwords.Default)).StatusCode);
        return (browser, "user:" + user.Email);
    }

    private static string? Field(string? json, string name) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
}
