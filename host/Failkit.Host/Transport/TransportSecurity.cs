using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Failkit.Host.Transport;

/// <summary>Kestrel's transport rules. With a certificate (<c>Failkit:Tls:CertificatePath</c> and
/// <c>Failkit:Tls:KeyPath</c>, PEM) every HTTPS endpoint accepts TLS 1.2 and 1.3 only and answers with HSTS.
/// Without one, plain HTTP is allowed on loopback addresses only (embedded mode), and start-up refuses anything else.</summary>
public static class TransportSecurity
{
    public static bool HasCertificate(IConfiguration config) => !string.IsNullOrEmpty(config?["Failkit:Tls:CertificatePath"]);

    /// <summary>The configured certificate and key (PEM).</summary>
    public static X509Certificate2 LoadCertificate(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return X509Certificate2.CreateFromPemFile(config["Failkit:Tls:CertificatePath"]!, config["Failkit:Tls:KeyPath"]);
    }

    public static WebApplicationBuilder AddFailkitTransportSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        if (HasCertificate(config))
        {
            var certificate = LoadCertificate(config);
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = certificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            }));
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
            });
        }

        return builder;
    }

    /// <summary>HSTS on HTTPS responses when TLS is configured (the middleware itself never sends it over HTTP).</summary>
    public static WebApplication UseFailkitTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (HasCertificate(app.Configuration))
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>Throws when a URL would serve plain HTTP beyond loopback.</summary>
    public static void RequireLoopbackForPlainHttp(IEnumerable<string> urls)
    {
        foreach (var url in urls ?? [])
        {
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(url))
            {
                throw new InvalidOperationException(
                    $"{url} would serve plain HTTP beyond loopback. Bind to localhost or 127.0.0.1, or configure Failkit:Tls:CertificatePath and Failkit:Tls:KeyPath and use https://.");
            }
        }
    }

    public static bool IsLoopback(string url)
    {
        // Kestrel's wildcard forms (http://*:80, http://+:80) are not URIs; they listen everywhere.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
