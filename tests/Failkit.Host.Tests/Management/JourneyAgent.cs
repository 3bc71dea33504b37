using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Failkit.Host.Tests.Management;

/// <summary>What the owner's agent does on the servers: it enrolls on the management plane's mTLS listener with the
/// token the portal showed (a CSR in, a certificate chain out), then reports one recovery point per disk with that
/// certificate, as <see cref="ManagementPlaneTests"/>' agent test does.</summary>
public sealed class JourneyAgent : IDisposable
{
    private readonly HttpClient _client;
    private readonly X509Certificate2 _certificate;
    private readonly Uri _url;

    private JourneyAgent(HttpClient client, X509Certificate2 certificate, Uri url)
    {
        _client = client;
        _certificate = certificate;
        _url = url;
    }

    public static async Task<JourneyAgent> EnrollAsync(Uri agentUrl, string serverCaPath, string token)
    {
        using var serverCa = X509CertificateLoader.LoadCertificateFromFile(serverCaPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=journey-agent", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var enrollClient = Client(serverCa, null);
        using var enrolled = await enrollClient.PostAsJsonAsync(new Uri(agentUrl, "agent/enroll"), new { token, csr });
        var body = await enrolled.Content.ReadAsStringAsync();
        Assert.True(enrolled.StatusCode == HttpStatusCode.OK, $"enroll answered {(int)enrolled.StatusCode}: {body}");
        var chain = JsonNode.Parse(body)!["certificateChain"]!.GetValue<string>();
        using var leaf = X509Certificate2.CreateFromPem(chain).CopyWithPrivateKey(key);
        var certificate = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        return new JourneyAgent(Client(serverCa, certificate), certificate, agentUrl);
    }

    /// <summary>One backup cycle of a disk: a full first scan, so the bytes scanned are the disk's size.</summary>
    public async Task ReportAsync(string disk, long sizeBytes)
    {
        var now = DateTimeOffset.UtcNow;
        using var accepted = await _client.PostAsJsonAsync(new Uri(_url, "agent/reports"), new
        {
            disk,
            pointId = $"{now:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}",
            pointTime = now.AddMinutes(-1),
            bytesScanned = sizeBytes,
            bytesChanged = sizeBytes / 8,
            bytesUploaded = sizeBytes / 10,
            blockCount = (int)(sizeBytes >> 20),
            manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(disk + now.Ticks))),
            rpoObservedSeconds = 30.0,
        });
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"report of {disk} answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
    }

    public void Dispose()
    {
        _client.Dispose();
        _certificate.Dispose();
    }

    /// <summary>Trusts only the embedded listener's certificate, as the agent's --server-ca does.</summary>
    private static HttpClient Client(X509Certificate2 serverCa, X509Certificate2? clientCertificate)
    {
        var thumbprint = serverCa.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.Thumbprint == thumbprint,
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }
}
