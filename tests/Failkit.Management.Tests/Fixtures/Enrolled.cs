using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>Steps the agent-facing tests share: a tenant with an agent token, and an enrolled client certificate.</summary>
public static class Enrolled
{
    public static async Task<(Tenant Tenant, string Token)> TenantWithAgentTokenAsync(this ManagementServer server, string slug)
    {
        var tenant = await server.Get<TenantRegistry>().FindAsync(slug) ?? (await server.Get<TenantRegistry>().CreateAsync(slug, TenantTier.Standard))!;
        var minted = (await server.Get<BootstrapTokens>().MintAsync(tenant.Id, BootstrapTokenPurpose.Agent))!;
        return (tenant, minted.Token);
    }

    public static async Task<HttpResponseMessage> EnrollAsync(this ManagementServer server, string token, string csr)
    {
        using var client = server.Client();
        return await client.PostAsJsonAsync("agent/enroll", new { token, csr });
    }

    /// <summary>Enrolls like the agent does and returns the client certificate with its private key.</summary>
    public static async Task<X509Certificate2> AgentCertificateAsync(this ManagementServer server, string slug)
    {
        var (_, token) = await server.TenantWithAgentTokenAsync(slug);
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        using (key)
        {
            using var response = await server.EnrollAsync(token, csr);
            response.EnsureSuccessStatusCode();
            var chain = (await response.Content.ReadFromJsonAsync<JsonObject>())!["certificateChain"]!.GetValue<string>();
            using var leaf = X509Certificate2.CreateFromPem(chain);
            return TlsCertificates.WithKey(leaf, key);
        }
    }

    public static JsonObject Report(string pointId = "20261129T010000Z-abcdef") => new()
    {
        ["disk"] = "vm/d0",
        ["pointId"] = pointId,
        ["pointTime"] = "2026-11-29T01:00:00+00:00",
        ["bytesScanned"] = 8388608,
        ["bytesChanged"] = 1048576,
        ["bytesUploaded"] = 1048604,
        ["blockCount"] = 8,
        ["manifestSha256"] = new string('a', 64),
        ["rpoObservedSeconds"] = 12.5,
    };
}
