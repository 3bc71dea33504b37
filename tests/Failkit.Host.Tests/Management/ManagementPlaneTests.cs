using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Host.Tests.Management;

/// <summary>The management role for real: one process, its gateway, the onboarding workflow, and tenant planes as
/// child processes on the test cluster.</summary>
public sealed partial class ManagementPlaneTests(ManagementPlaneFixture plane) : IClassFixture<ManagementPlaneFixture>
{
    private static readonly string[] OnboardingSteps =
        ["create-database", "migrate", "secure-tables", "signing-key", "start-plane", "register-route", "send-link"];

    [Fact]
    public async Task PlatformApi_NeedsAClientCredentialsToken_WithTheOperatorRole()
    {
        var stranger = await plane.ClientAsync("auditor-" + Guid.NewGuid().ToString("N")[..8], "auditor");
        var strangerToken = await plane.TokenAsync(stranger.ClientId, stranger.ClientSecret);

        using var anonymous = await plane.SendAsync("localhost", HttpMethod.Get, $"platform/tenants/{plane.Demo}");
        using var wrongRole = await plane.SendAsync("localhost", HttpMethod.Get, $"platform/tenants/{plane.Demo}", strangerToken);
        using var tampered = await plane.SendAsync("localhost", HttpMethod.Get, $"platform/tenants/{plane.Demo}", strangerToken[..^4] + "AAAA");
        using var badSecret = await plane.SendAsync("localhost", HttpMethod.Post, "connect/token", content: new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = stranger.ClientId, ["client_secret"] = "wrong" }));
        using var allowed = await plane.SendAsync("localhost", HttpMethod.Get, $"platform/tenants/{plane.Demo}", await plane.OperatorTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, badSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task DemoTenant_OnboardedByTheWorkflow_AnswersThroughTheGateway_AndItsLinkRedeemsOnce()
    {
        using var status = await plane.SendAsync("localhost", HttpMethod.Get, $"platform/tenants/{plane.Demo}", await plane.OperatorTokenAsync());
        var tenant = (await status.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Active", tenant["status"]!.GetValue<string>());
        Assert.Equal("Finished", tenant["onboarding"]!["subStatus"]!.GetValue<string>());
        Assert.Equal(OnboardingSteps, tenant["onboarding"]!["steps"]!.AsArray().Select(s => s!["activityId"]!.GetValue<string>()));

        using var health = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Get, "health");
        Assert.Equal("tenant", (await health.Content.ReadFromJsonAsync<JsonObject>())!["role"]!.GetValue<string>());

        var state = plane.Process.State;
        var demo = state["tenants"]![plane.Demo]!;
        Assert.Equal($"http://{plane.Demo}.localhost:{plane.Process.Config.PublicPort}", demo["url"]!.GetValue<string>());
        Assert.Equal($"http://localhost:{plane.Process.Config.PublicPort}/connect/token", state["platform"]!["tokenUrl"]!.GetValue<string>());
        var link = new Uri(demo["bootstrapLink"]!.GetValue<string>());
        Assert.Equal($"{plane.Demo}.localhost", link.Host);
        Assert.Equal("/bootstrap", link.AbsolutePath);
        var apiClient = demo["apiClient"]!;
        Assert.Equal($"http://{plane.Demo}.localhost:{plane.Process.Config.PublicPort}/connect/token", apiClient["tokenUrl"]!.GetValue<string>());

        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        var key = await plane.PlaneKeyAsync(plane.Demo);
        using var redeemed = await plane.RedeemAsync(plane.Demo, token, key);
        using var replayed = await plane.RedeemAsync(plane.Demo, token, key);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        Assert.Equal(tenant["id"]!.GetValue<string>(), (await redeemed.Content.ReadFromJsonAsync<JsonObject>())!["tenantId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Equal("Used", (await replayed.Content.ReadFromJsonAsync<JsonObject>())!["failure"]!.GetValue<string>());
    }

    [Fact]
    public async Task InternalRedeem_RefusesMissingWrongAndOtherSlugKeys_AndIsNotReachableThroughTheGateway()
    {
        var token = await MintOwnerTokenAsync(plane.Demo);
        using var none = await plane.RedeemAsync(plane.Demo, token, null);
        using var wrong = await plane.RedeemAsync(plane.Demo, token, "not-the-key");
        using var otherSlug = await plane.RedeemAsync(plane.Demo, token, await plane.PlaneKeyAsync("other-tenant"));
        using var viaGateway = await plane.SendAsync("localhost", HttpMethod.Post, $"internal/planes/{plane.Demo}/bootstrap-tokens/redeem",
            content: JsonContent.Create(new { token }), headers: ("Authorization", "PlaneKey " + await plane.PlaneKeyAsync(plane.Demo)));
        using var viaTenantHost = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Post, "internal/api-clients");

        Assert.All(new[] { none, wrong, otherSlug }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, viaGateway.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaTenantHost.StatusCode);
        // None of the refusals spent the token.
        using var redeemed = await plane.RedeemAsync(plane.Demo, token, await plane.PlaneKeyAsync(plane.Demo));
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
    }

    [Fact]
    public async Task HeaderTricks_NeverReachAnotherPlane()
    {
        using var managementClaimingTenant = await plane.SendAsync("localhost", HttpMethod.Get, "health",
            headers: [("X-Forwarded-Host", $"{plane.Demo}.localhost"), ("Forwarded", $"host={plane.Demo}.localhost")]);
        using var tenantClaimingOther = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Get, ".well-known/security.txt",
            headers: ("X-Forwarded-Host", "victim.localhost"));
        using var unknown = await plane.SendAsync("victim.localhost", HttpMethod.Get, "health", headers: ("X-Forwarded-Host", $"{plane.Demo}.localhost"));

        Assert.Equal("management", (await managementClaimingTenant.Content.ReadFromJsonAsync<JsonObject>())!["role"]!.GetValue<string>());
        Assert.Contains($"Canonical: http://{plane.Demo}.localhost:", await tenantClaimingOther.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task SecurityTxt_AndDisclosurePage_OnBothRoles()
    {
        foreach (var host in new[] { "localhost", $"{plane.Demo}.localhost" })
        {
            using var response = await plane.SendAsync(host, HttpMethod.Get, ".well-known/security.txt");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var fields = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
            Assert.Equal("mailto:security@failkit.io", fields["Contact"]);
            Assert.Equal("en", fields["Preferred-Languages"]);
            Assert.InRange(DateTimeOffset.Parse(fields["Expires"], System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow.AddDays(365));
            Assert.EndsWith("/.well-known/security.txt", fields["Canonical"], StringComparison.Ordinal);
            Assert.EndsWith("/security/disclosure", fields["Policy"], StringComparison.Ordinal);

            using var page = await plane.SendAsync(host, HttpMethod.Get, "security/disclosure");
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("2 business days", html, StringComparison.Ordinal);
            Assert.Contains("5 business days", html, StringComparison.Ordinal);
            Assert.Contains("30 days", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NewTenant_IsOnboarded_SuspendedTo404_Reactivated_AndDeleted()
    {
        var slug = ("acme" + Guid.NewGuid().ToString("N"))[..12];
        var bearer = await plane.OperatorTokenAsync();
        using var created = await plane.SendAsync("localhost", HttpMethod.Post, "platform/tenants", bearer,
            JsonContent.Create(new { slug, tier = "Standard", contactEmail = "ops@acme.example" }));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var statusUrl = (await created.Content.ReadFromJsonAsync<JsonObject>())!["statusUrl"]!.GetValue<string>();
        Assert.Equal($"/platform/tenants/{slug}", statusUrl);

        await WaitForAsync(async () =>
        {
            using var status = await plane.SendAsync("localhost", HttpMethod.Get, statusUrl.TrimStart('/'), bearer);
            return (await status.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() == "Active";
        });
        Assert.Equal(HttpStatusCode.OK, (await plane.SendAsync($"{slug}.localhost", HttpMethod.Get, "health")).StatusCode);

        using (await plane.SendAsync("localhost", HttpMethod.Post, $"platform/tenants/{slug}/suspend", bearer))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await plane.SendAsync($"{slug}.localhost", HttpMethod.Get, "health")).StatusCode);
            Assert.Equal(0L, await SessionsOfAsync($"t_{slug}_app"));
        }

        using (await plane.SendAsync("localhost", HttpMethod.Post, $"platform/tenants/{slug}/reactivate", bearer))
        {
            Assert.Equal(HttpStatusCode.OK, (await plane.SendAsync($"{slug}.localhost", HttpMethod.Get, "health")).StatusCode);
        }

        using var deleted = await plane.SendAsync("localhost", HttpMethod.Delete, $"platform/tenants/{slug}", bearer);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.SendAsync($"{slug}.localhost", HttpMethod.Get, "health")).StatusCode);
        Assert.False(await ScalarAsync<bool>("SELECT rolcanlogin FROM pg_roles WHERE rolname = $1", $"t_{slug}_app"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM pg_database WHERE datname = $1", $"t_{slug}"));
    }

    private async Task<string> MintOwnerTokenAsync(string slug)
    {
        using var minted = await plane.SendAsync("localhost", HttpMethod.Post, $"platform/tenants/{slug}/bootstrap-tokens",
            await plane.OperatorTokenAsync(), JsonContent.Create(new { purpose = "owner" }));
        return (await minted.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 120 s");
            await Task.Delay(250);
        }
    }

    private static Task<long> SessionsOfAsync(string role) =>
        ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", role);

    private static async Task<T> ScalarAsync<T>(string sql, params object[] args) =>
        await TestSql.ScalarAsync<T>(await TestPostgres.AdminConnectionStringAsync(), sql, args);
}
