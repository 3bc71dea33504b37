using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Failkit.Management.Tests.Fixtures;

namespace Failkit.Management.Tests.Endpoints;

public sealed class AgentEndpointsTests : IAsyncLifetime
{
    private ManagementServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ManagementServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Enroll_ThenReplay_SecondIsA401Problem()
    {
        var (tenant, token) = await _server.TenantWithAgentTokenAsync("tenant-a");
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        using (key)
        {
            using var first = await _server.EnrollAsync(token, csr);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var chain = (await first.Content.ReadFromJsonAsync<JsonObject>())!["certificateChain"]!.GetValue<string>();
            using var leaf = X509Certificate2.CreateFromPem(chain);
            Assert.EndsWith($"O={tenant.Slug}", leaf.Subject, StringComparison.Ordinal);
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());

            using var replay = await _server.EnrollAsync(token, csr);
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
            Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
            Assert.Contains("invalid, expired or already used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Enroll_MalformedCsr_Is400AndDoesNotSpendTheToken()
    {
        var (_, token) = await _server.TenantWithAgentTokenAsync("tenant-a");
        using (var bad = await _server.EnrollAsync(token, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var (key, csr) = TlsCertificates.CreateAgentCsr();
        key.Dispose();
        using var good = await _server.EnrollAsync(token, csr);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Report_TenantComesFromTheCertificate_AndOnlyMetadataIsStored()
    {
        var (other, _) = await _server.TenantWithAgentTokenAsync("tenant-b");
        using var cert = await _server.AgentCertificateAsync("tenant-a");
        var body = Enrolled.Report();
        body["tenant"] = "tenant-b";
        body["tenantId"] = other.Id.ToString();
        body["wrappedKey"] = "SECRET-WRAPPED-KEY";
        body["blocks"] = new JsonArray(new JsonObject { ["sha256"] = "SECRET-BLOCK-HASH", ["payload"] = "SECRET-PAYLOAD" });

        using var client = _server.Client(cert);
        using var response = await client.PostAsJsonAsync("agent/reports", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("tenant-a", await _server.ScalarAsync<string>(
            "SELECT n.slug FROM management.agent_reports r JOIN management.tenants n ON n.id = r.tenant_id WHERE r.point_id = $1",
            "20261129T010000Z-abcdef"));
        var stored = await _server.ScalarAsync<string>("SELECT string_agg(r::text, '') FROM management.agent_reports r");
        Assert.DoesNotContain("SECRET", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant-b", stored, StringComparison.Ordinal);
        Assert.Contains("vm/d0", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithoutCertificate_Is401()
    {
        using var client = _server.Client();
        using var response = await client.PostAsJsonAsync("agent/reports", Enrolled.Report());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.agent_reports"));
    }

    [Fact]
    public async Task Report_WithCertificateOfAnotherCa_Is403()
    {
        await _server.TenantWithAgentTokenAsync("tenant-a");
        var (foreignCa, foreignKey) = TlsCertificates.CreateCa("Failkit Agent Root CA");
        using (foreignCa)
        using (foreignKey)
        {
            using var forged = TlsCertificates.IssueForeignClientCertificate(foreignCa, "tenant-a");
            using var client = _server.Client(forged);
            using var response = await client.PostAsJsonAsync("agent/reports", Enrolled.Report());
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.agent_reports"));
    }

    [Fact]
    public async Task Report_WithRevokedCertificate_Is403()
    {
        using var cert = await _server.AgentCertificateAsync("tenant-a");
        using (var first = _server.Client(cert))
        using (var ok = await first.PostAsJsonAsync("agent/reports", Enrolled.Report("p1")))
        {
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        using (var operatorClient = _server.Client(operatorRole: ManagementAuthorization.PlatformOperatorRole))
        using (var revoke = await operatorClient.PostAsync($"platform/certificates/{cert.SerialNumber}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var client = _server.Client(cert);
        using var refused = await client.PostAsJsonAsync("agent/reports", Enrolled.Report("p2"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.agent_reports"));
    }

    [Fact]
    public async Task Report_OfSuspendedTenant_Is403()
    {
        using var cert = await _server.AgentCertificateAsync("tenant-a");
        await _server.Get<Failkit.Management.Tenants.TenantRegistry>().SetStatusAsync("tenant-a", Failkit.Management.Tenants.TenantStatus.Suspended);
        using var client = _server.Client(cert);
        using var response = await client.PostAsJsonAsync("agent/reports", Enrolled.Report());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Report_InvalidOrOversized_IsRefused()
    {
        using var cert = await _server.AgentCertificateAsync("tenant-a");
        using var client = _server.Client(cert);
        var negative = Enrolled.Report();
        negative["bytesUploaded"] = -1;
        using (var bad = await client.PostAsJsonAsync("agent/reports", negative))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var missing = Enrolled.Report();
        missing.Remove("manifestSha256");
        using (var incomplete = await client.PostAsJsonAsync("agent/reports", missing))
        {
            Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        }

        var huge = Enrolled.Report();
        huge["padding"] = new string('x', 5000);
        using (var tooLarge = await client.PostAsJsonAsync("agent/reports", huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }

        Assert.Equal(0L, await _server.ScalarAsync<long>("SELECT count(*) FROM management.agent_reports"));
    }
}
