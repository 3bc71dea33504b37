using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Failkit.Host.Management;

/// <summary>The agents' listener: HTTPS on loopback with client certificates allowed (enrollment comes without one;
/// the /agent endpoints check the certificate against the internal CA's register). With no configured certificate
/// (embedded mode) it uses a self-signed one for 127.0.0.1 kept under the state folder, which the agent trusts with
/// <c>--server-ca</c> (docs/decisions/management-agent-listener.md).</summary>
public static class AgentListener
{
    public const int DefaultPortOffset = 1;

    /// <summary>The agent URL: <c>Failkit:Management:AgentUrl</c>, or the public port + 1 on 127.0.0.1.</summary>
    public static Uri Resolve(IConfiguration config, ManagementPlaneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        return new Uri(config["Failkit:Management:AgentUrl"] ?? $"https://127.0.0.1:{settings.PublicUrl.Port + DefaultPortOffset}");
    }

    /// <summary>Where the embedded listener's certificate (PEM) is kept; the agent's <c>--server-ca</c>.</summary>
    public static string CertificatePath(ManagementPlaneSettings settings) =>
        Path.Combine(settings.StateDirectory, "agent-tls", "server.crt");

    public static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, Uri url, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(url);
        kestrel.Listen(IPAddress.Loopback, url.Port, l => l.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            // The handshake takes any certificate; InternalCa decides per request (register, revocation, tenant).
            https.AllowAnyClientCertificate();
        }));
    }

    /// <summary>The embedded listener's certificate, created once (ECDSA P-256, SAN 127.0.0.1 and localhost).</summary>
    public static X509Certificate2 LoadOrCreateCertificate(ManagementPlaneSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var certPath = CertificatePath(settings);
        var keyPath = Path.ChangeExtension(certPath, ".key");
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(certPath)!);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Failkit embedded agent endpoint", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2));
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.WriteAllText(certPath, created.ExportCertificatePem());
        }

        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        // Through PKCS#12, so the TLS stack on Linux gets a key it can use.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>Where agents enroll and report, and the certificate they trust for it (embedded mode).</summary>
public sealed record AgentEndpointInfo(Uri Url, string ServerCertificatePath);
