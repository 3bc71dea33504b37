using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Failkit.Agent.Reporting;

/// <summary>
/// Enrollment: a key pair made here, a CSR sent with the single-use token, the signed chain stored
/// next to the key. The private key never leaves this host.
/// </summary>
public static class Enrollment
{
    public static async Task<X509Certificate2> EnrollAsync(AgentIdentity identity, Uri url, string token, string? serverCaFile, CancellationToken ct)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=failkit-agent {Environment.MachineName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var csr = request.CreateSigningRequestPem();

        using var handler = new HttpClientHandler();
        X509Certificate2Collection? roots = null;
        if (serverCaFile is not null)
        {
            roots = [];
            roots.ImportFromPemFile(serverCaFile);
            handler.ServerCertificateCustomValidationCallback = (_, cert, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert!);
            };
        }

        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var endpoint = new Uri(url.ToString().TrimEnd('/') + "/agent/enroll");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(endpoint, new { token, csr }, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new AgentException($"cannot reach the management plane at {endpoint}: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new AgentException($"enrollment refused ({(int)response.StatusCode}): {body.Trim()}");
            }

            var chainPem = JsonNode.Parse(body)?["certificateChain"]?.GetValue<string>()
                ?? throw new AgentException("enrollment answer has no certificateChain");
            var leaf = X509Certificate2.CreateFromPem(chainPem);
            if (!leaf.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw new AgentException("enrollment answer certifies a different key than the one this agent generated");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(identity.KeyPath)!);
            File.WriteAllText(identity.KeyPath, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(identity.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(identity.ChainPath, chainPem);
            if (serverCaFile is not null)
            {
                File.Copy(serverCaFile, identity.ServerCaPath, overwrite: true);
            }

            identity.SaveSettings(new IdentitySettings(url.ToString().TrimEnd('/'), serverCaFile is not null));
            return leaf;
        }
    }
}
