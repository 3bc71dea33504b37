using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Failkit.Host.Tests.Management;

/// <summary>The embedded platform's agent path end to end: an agent enrolls on the mTLS listener with a token minted
/// through the platform API, reports a cycle's metadata, and the tenant's own plane serves it as a recovery point to
/// the demo API client that <c>./failkit up</c> writes into embedded.json.</summary>
public sealed partial class ManagementPlaneTests
{
    [Fact]
    public async Task AgentReport_OverMutualTls_BecomesARecoveryPointOfTheTenantPlane()
    {
        var state = plane.Process.State;
        var agentUrl = new Uri(state["agent"]!["url"]!.GetValue<string>() + "/");
        using var serverCa = X509CertificateLoader.LoadCertificateFromFile(state["agent"]!["serverCa"]!.GetValue<string>());
        using var token = await plane.SendAsync("localhost", HttpMethod.Post, $"platform/tenants/{plane.Demo}/bootstrap-tokens",
            await plane.OperatorTokenAsync(), JsonContent.Create(new { purpose = "agent" }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=agent-under-test", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var enrollClient = Client(serverCa, null);
        using var enrolled = await enrollClient.PostAsJsonAsync(new Uri(agentUrl, "agent/enroll"),
            new { token = (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>(), csr });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var chain = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["certificateChain"]!.GetValue<string>();
        using var leaf = X509Certificate2.CreateFromPem(chain).CopyWithPrivateKey(key);
        using var clientCertificate = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);

        var pointId = "20261129T000000Z-" + Guid.NewGuid().ToString("N")[..6];
        var report = new
        {
            disk = "web-01/disk0", pointId, pointTime = DateTimeOffset.UtcNow, bytesScanned = 4_194_304L, bytesChanged = 1_048_576L,
            bytesUploaded = 1_048_604L, blockCount = 4, manifestSha256 = Convert.ToHexStringLower(SHA256.HashData([1, 2, 3])),
            rpoObservedSeconds = 42.5,
        };
        using var anonymousClient = Client(serverCa, null);
        using var refused = await anonymousClient.PostAsJsonAsync(new Uri(agentUrl, "agent/reports"), report);
        using var agentClient = Client(serverCa, clientCertificate);
        using var accepted = await agentClient.PostAsJsonAsync(new Uri(agentUrl, "agent/reports"), report);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var api = state["tenants"]![plane.Demo]!["apiClient"]!;
        var apiToken = await TenantTokenAsync(api["clientId"]!.GetValue<string>(), api["clientSecret"]!.GetValue<string>());
        JsonObject? point = null;
        for (var i = 0; i < 100 && point is null; i++)
        {
            using var list = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Get, "api/recovery-points?disk=web-01/disk0", apiToken);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            point = (await list.Content.ReadFromJsonAsync<JsonArray>())!.OfType<JsonObject>().FirstOrDefault(p => (string?)p["pointId"] == pointId);
            if (point is null)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(point);
        Assert.Equal(report.bytesUploaded, point["bytesUploaded"]!.GetValue<long>());
        Assert.Equal(report.manifestSha256, point["manifestSha256"]!.GetValue<string>());
        Assert.Equal(clientCertificate.SerialNumber, point["certificateSerial"]!.GetValue<string>());
    }

    private async Task<string> TenantTokenAsync(string clientId, string secret)
    {
        using var response = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Post, "connect/token", content: new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret }));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException($"no tenant token: {response.StatusCode} {body}");
    }

    /// <summary>An HTTPS client that trusts only the embedded listener's certificate, as the agent's --server-ca does.</summary>
    private static HttpClient Client(X509Certificate2 serverCa, X509Certificate2? clientCertificate)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.Thumbprint == serverCa.Thumbprint,
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }
}
