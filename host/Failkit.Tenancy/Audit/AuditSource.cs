using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Tenancy.Audit;

/// <summary>"From where" of an audit event. A tenant plane is reached through Failkit's gateway, which strips every
/// forwarding header a client sent and sets <c>X-Forwarded-For</c> to the address it accepted the connection from.
/// So the header is believed only when the connection itself comes from the gateway (loopback, or an address listed
/// in <c>Failkit:Audit:TrustedProxies</c>); from anyone else it is a client's claim and is ignored.</summary>
public static class AuditSource
{
    public const string TrustedProxiesKey = "Failkit:Audit:TrustedProxies";

    public static string? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Connection.RemoteIpAddress is not { } peer)
        {
            return null;
        }

        peer = Plain(peer);
        if (IsTrusted(http, peer) && ForwardedClient(http.Request.Headers["X-Forwarded-For"]) is { } client)
        {
            return client.ToString();
        }

        return peer.ToString();
    }

    /// <summary>The last address of the header: the one our gateway appended (an earlier one would be a client's).</summary>
    private static IPAddress? ForwardedClient(string? header)
    {
        var last = header?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is not null && IPAddress.TryParse(last, out var address) ? Plain(address) : null;
    }

    private static bool IsTrusted(HttpContext http, IPAddress peer)
    {
        if (IPAddress.IsLoopback(peer))
        {
            return true;
        }

        var listed = http.RequestServices?.GetService<IConfiguration>()?[TrustedProxiesKey];
        return listed is not null && listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(p => IPAddress.TryParse(p, out var proxy) && Plain(proxy).Equals(peer));
    }

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
