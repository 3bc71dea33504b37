using System.Net;
using System.Net.Sockets;

namespace Failkit.Host.Management;

/// <summary>Where the management role listens. The public URLs (<c>--urls</c>) belong to the gateway; the management
/// endpoints listen on a loopback address of their own (<c>Failkit:Management:InternalUrl</c>, default a free port),
/// which is what tenant planes call and what the gateway forwards <c>&lt;domain&gt;</c> to
/// (docs/decisions/management-gateway-placement.md).</summary>
public sealed record ManagementPlaneSettings(IReadOnlyList<string> PublicUrls, Uri PublicUrl, Uri InternalUrl, string StateDirectory)
{
    public const string DefaultPublicUrl = "http://localhost:5080";

    /// <summary>The gateway's domain: the public URL's host (<c>localhost</c> on a laptop).</summary>
    public string Domain => PublicUrl.Host;

    public static ManagementPlaneSettings Resolve(IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        var urls = (config["urls"] ?? DefaultPublicUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var publicUrl = new Uri(config["Failkit:Management:PublicUrl"] ?? urls[0]);
        var internalUrl = new Uri(config["Failkit:Management:InternalUrl"] ?? $"http://127.0.0.1:{FreeLoopbackPort()}");
        var state = config["Failkit:StateDirectory"] ?? Path.Combine(environment.ContentRootPath, ".failkit");
        return new ManagementPlaneSettings(urls, publicUrl, internalUrl, Path.GetFullPath(state));
    }

    private static int FreeLoopbackPort()
    {
        // Free now, bound moments later by this very process; a collision fails start-up loudly.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
