using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Identity.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Identity.Tests.Clients;

public sealed class ApiClientsTests(SharedPlane shared)
{
    [Fact]
    public async Task AdminCreatesClient_SecretShownOnce_TokenCarriesTheRole_RevocationIsImmediate()
    {
        var plane = shared.Plane;
        using var admin = await plane.SignedInAsync(Roles.Admin);
        var created = await admin.SendAsync(HttpMethod.Post, "/api/api-clients", new { name = "ci pipeline" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var (clientId, secret) = (body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
        Assert.Equal("operator", body.GetProperty("role").GetString());
        Assert.Equal("http://localhost/connect/token", body.GetProperty("tokenUrl").GetString());

        var list = await admin.Client.GetStringAsync("/api/api-clients", TestContext.Current.CancellationToken);
        Assert.Contains(clientId, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        var stored = await Db.ScalarAsync<long>(await Db.SuperuserAsync(plane.Tenant),
            "SELECT count(*) FROM identity.openiddict_applications WHERE \"ClientSecret\" = $1", secret);
        Assert.Equal(0L, stored);

        var token = await Tokens.AccessTokenAsync(plane, clientId, secret);
        using var api = Tokens.Bearer(plane, token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/elsa/api/workflow-definitions", TestContext.Current.CancellationToken)).StatusCode);
        // Operators run and edit runbooks but do not delete run history; bearer requests need no Origin.
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/elsa/api/workflow-definitions/nope/execute", new { }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/elsa/api/workflow-definitions/nope/publish", new { }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync("/elsa/api/workflow-instances/nope", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/users", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/api-clients/{clientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/elsa/api/workflow-definitions", TestContext.Current.CancellationToken)).StatusCode);
        using var anonymous = plane.Anonymous();
        Assert.False((await Tokens.RequestAsync(anonymous, clientId, secret)).IsSuccessStatusCode);

        var audit = await admin.Client.GetStringAsync("/api/audit-events?kind=api-client.revoked", TestContext.Current.CancellationToken);
        Assert.Contains(clientId, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalRoute_CreatesTheDemoClient_OnlyWithThePlaneKey()
    {
        var plane = shared.Plane;
        var (clientId, secret, tokenUrl) = await Tokens.CreateClientAsync(plane, Roles.Operator, "embedded demo");
        Assert.Equal("http://localhost/connect/token", tokenUrl);
        Assert.NotEmpty(await Tokens.AccessTokenAsync(plane, clientId, secret));

        using var client = plane.Anonymous();
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/internal/api-clients") { Content = JsonContent.Create(new { name = "x", role = "operator" }) };
        wrongKey.Headers.Authorization = new("PlaneKey", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongKey, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/internal/api-clients", new { name = "x" }, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TamperedExpiredAndForeignTokens_Are401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var plane = await TenantPlane.StartAsync(time: time);
        var other = shared.Plane;
        var (clientId, secret, _) = await Tokens.CreateClientAsync(plane, Roles.Admin);
        var token = await Tokens.AccessTokenAsync(plane, clientId, secret);
        var (otherId, otherSecret, _) = await Tokens.CreateClientAsync(other, Roles.Admin);
        var foreign = await Tokens.AccessTokenAsync(other, otherId, otherSecret);

        using (var ok = Tokens.Bearer(plane, token))
        {
            Assert.Equal(HttpStatusCode.OK, (await ok.GetAsync("/api/audit-events", TestContext.Current.CancellationToken)).StatusCode);
        }

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        const string forgedJwt = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6Im93bmVyIn0.";
        foreach (var bad in new[] { tampered, foreign, forgedJwt, "garbage" })
        {
            using var api = Tokens.Bearer(plane, bad);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/audit-events", TestContext.Current.CancellationToken)).StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var expired = Tokens.Bearer(plane, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/audit-events", TestContext.Current.CancellationToken)).StatusCode);
    }
}
