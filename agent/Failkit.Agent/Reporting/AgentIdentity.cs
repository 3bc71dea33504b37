using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Failkit.Agent.State;

namespace Failkit.Agent.Reporting;

/// <summary>Where enrollment left the agent's client certificate, its private key and the management plane's address.</summary>
public sealed record IdentitySettings(string ManagementUrl, bool PinnedServerCa);

public sealed class AgentIdentity(string dir)
{
    public string KeyPath => Path.Combine(dir, "agent.key");

    public string ChainPath => Path.Combine(dir, "agent-chain.pem");

    public string ServerCaPath => Path.Combine(dir, "server-ca.pem");

    private string SettingsPath => Path.Combine(dir, "agent.json");

    public bool Exists => File.Exists(SettingsPath) && File.Exists(KeyPath) && File.Exists(ChainPath);

    public IdentitySettings Settings() => JsonSerializer.Deserialize<IdentitySettings>(File.ReadAllBytes(SettingsPath), AgentState.Json)!;

    public void SaveSettings(IdentitySettings settings) =>
        AgentState.WriteAtomic(SettingsPath, JsonSerializer.SerializeToUtf8Bytes(settings, AgentState.Json));

    /// <summary>An HTTP client that presents the agent's certificate and, when a CA was pinned at enrollment, trusts only that CA.</summary>
    public HttpClient CreateClient()
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(ChainPath);
        using var leaf = X509Certificate2.CreateFromPemFile(ChainPath, KeyPath);
        // A PKCS#12 round trip gives the TLS stack a key it can use on every platform, not an ephemeral one.
        var cert = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        var intermediates = new X509Certificate2Collection();
        foreach (var c in chain.Skip(1))
        {
            intermediates.Add(c);
        }

        var ssl = new SslClientAuthenticationOptions
        {
            ClientCertificateContext = SslStreamCertificateContext.Create(cert, intermediates, offline: true),
        };
        if (Settings().PinnedServerCa)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(ServerCaPath);
            ssl.RemoteCertificateValidationCallback = (_, serverCert, _, _) => ChainsTo(serverCert, roots);
        }

        return new HttpClient(new SocketsHttpHandler { SslOptions = ssl }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private static bool ChainsTo(X509Certificate? serverCert, X509Certificate2Collection roots)
    {
        if (serverCert is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var cert = new X509Certificate2(serverCert);
        return chain.Build(cert);
    }
}
