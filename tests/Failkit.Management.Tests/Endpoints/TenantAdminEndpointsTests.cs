using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Management.Tenants;
using Failkit.Management.Tests.Fixtures;

namespace Failkit.Management.Tests.Endpoints;

public sealed class TenantAdminEndpointsTests : IAsyncLifetime
{
    private ManagementServer _server = null!;
    private HttpClient _operator = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ManagementServer.StartAsync();
        _operator = _server.Client(operatorRole: ManagementAuthorization.PlatformOperatorRole);
    }

    public async ValueTask DisposeAsync()
    {
        _operator.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WithoutOperator_AnonymousIs401_OtherRoleIs403()
    {
        using var anonymous = _server.Client();
        using var stranger = _server.Client(operatorRole: "tenant-admin");
        using var a = await anonymous.PostAsJsonAsync("platform/tenants", new { slug = "acme" });
        using var s = await stranger.PostAsJsonAsync("platform/tenants", new { slug = "acme" });
        Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, s.StatusCode);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.tenants"));
    }

    [Fact]
    public async Task Create_ValidatesSlugTierAndContact_AndRefusesDuplicates()
    {
        // Registered already (by an earlier create or an import): the slug is taken, whatever its status.
        await _server.Get<TenantRegistry>().RegisterAsync("acme", TenantTier.Enterprise, "ops@acme.example");
        using var duplicate = await _operator.PostAsJsonAsync("platform/tenants", new { slug = "acme" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var listed = await _operator.GetAsync("platform/tenants/acme");
        var body = (await listed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("Enterprise", "Provisioning", "ops@acme.example"),
            (body["tier"]!.GetValue<string>(), body["status"]!.GetValue<string>(), body["contactEmail"]!.GetValue<string>()));

        foreach (var (slug, tier, email) in new[]
        {
            ("Acme", "Standard", "a@b.example"), ("a", "Standard", "a@b.example"), ("x--y", "Standard", "a@b.example"), ("www", "Standard", "a@b.example"),
            ("1acme", "Standard", "a@b.example"), ("ok-slug", "7", "a@b.example"), ("ok-slug", "Gold", "a@b.example"), ("ok-slug", "Standard", "not an email"),
        })
        {
            using var invalid = await _operator.PostAsJsonAsync("platform/tenants", new { slug, tier, contactEmail = email });
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.tenants"));
    }

    [Fact]
    public async Task SuspendAndReactivate_CloseAndReopenTheRoute_AndStopAndStartThePlane()
    {
        await _server.Get<TenantRegistry>().CreateAsync("acme", TenantTier.Standard);
        var routes = _server.Get<Failkit.Gateway.ITenantRouteTable>();

        using var suspended = await _operator.PostAsync("platform/tenants/acme/suspend", null);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        Assert.Null(routes.Find("acme"));
        using var reactivated = await _operator.PostAsync("platform/tenants/acme/reactivate", null);
        Assert.Equal("Active", (await reactivated.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(Failkit.Gateway.TenantRouteStatus.Active, routes.Find("acme")?.Status);
        using var suspendedAgain = await _operator.PostAsync("platform/tenants/acme/suspend", null);
        Assert.Equal(Failkit.Gateway.TenantRouteStatus.Suspended, routes.Find("acme")?.Status);

        Assert.Equal(["stop acme", "start acme", "stop acme"], _server.Get<RecordingOrchestrator>().Calls);
    }

    [Fact]
    public async Task MintToken_ReturnsItOnce_AndSuspendedTenantGetsNone()
    {
        await _server.Get<TenantRegistry>().CreateAsync("acme", TenantTier.Standard);
        using var minted = await _operator.PostAsJsonAsync("platform/tenants/acme/bootstrap-tokens", new { purpose = "agent" });
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var token = (await minted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("agent", token["purpose"]!.GetValue<string>());
        Assert.Equal(43, token["token"]!.GetValue<string>().Length);

        using var badPurpose = await _operator.PostAsJsonAsync("platform/tenants/acme/bootstrap-tokens", new { purpose = "root" });
        Assert.Equal(HttpStatusCode.BadRequest, badPurpose.StatusCode);
        using var unknown = await _operator.PostAsJsonAsync("platform/tenants/nobody/bootstrap-tokens", new { purpose = "owner" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var suspended = await _operator.PostAsync("platform/tenants/acme/suspend", null);
        Assert.Equal("Suspended", (await suspended.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        using var refused = await _operator.PostAsJsonAsync("platform/tenants/acme/bootstrap-tokens", new { purpose = "owner" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Delete_RevokesCertificatesAndVoidsTokens()
    {
        using var cert = await _server.AgentCertificateAsync("acme");
        var (_, unused) = await _server.TenantWithAgentTokenAsync("acme");

        using var deleted = await _operator.DeleteAsync("platform/tenants/acme");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var again = await _operator.DeleteAsync("platform/tenants/acme");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var reactivate = await _operator.PostAsync("platform/tenants/acme/reactivate", null);
        Assert.Equal(HttpStatusCode.NotFound, reactivate.StatusCode);

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.issued_certificates WHERE revoked_at IS NULL"));
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        key.Dispose();
        using var enroll = await _server.EnrollAsync(unused, csr);
        Assert.Equal(HttpStatusCode.Unauthorized, enroll.StatusCode);
    }
}
