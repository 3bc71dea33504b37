using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
    public async Task Create_ValidatesSlugAndTier_AndRefusesDuplicates()
    {
        using var created = await _operator.PostAsJsonAsync("platform/tenants", new { slug = "acme", tier = "enterprise" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("acme", "Enterprise", "Active"), (body["slug"]!.GetValue<string>(), body["tier"]!.GetValue<string>(), body["status"]!.GetValue<string>()));

        using var duplicate = await _operator.PostAsJsonAsync("platform/tenants", new { slug = "acme" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        foreach (var (slug, tier) in new[] { ("Acme", "Standard"), ("a", "Standard"), ("x--y", "Standard"), ("www", "Standard"), ("ok-slug", "7"), ("ok-slug", "Gold") })
        {
            using var invalid = await _operator.PostAsJsonAsync("platform/tenants", new { slug, tier });
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task MintToken_ReturnsItOnce_AndSuspendedTenantGetsNone()
    {
        (await _operator.PostAsJsonAsync("platform/tenants", new { slug = "acme" })).Dispose();
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
