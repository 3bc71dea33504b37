using System.Net;
using System.Net.Sockets;

namespace Failkit.Activities.Notifications;

/// <summary>The SSRF guard for outbound webhooks. It judges resolved addresses, and the webhook client applies it in
/// its connect callback, so the address checked is the address connected to: a name that resolves to a public
/// address at validation and to 127.0.0.1 at connect (DNS rebinding) is still refused.</summary>
public sealed class OutboundAddressGuard(WebhookOptions options)
{
    /// <summary>Null when the address may be connected to, otherwise why not.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return options.AllowLoopback ? null : "loopback";
        }

        var kind = Classify(address);
        return kind switch
        {
            null => null,
            "private" or "link-local" or "unique-local" or "shared (CGNAT)" when options.AllowPrivateNetworks => null,
            _ => kind,
        };
    }

    /// <summary>What kind of non-public address this is, or null for a public unicast address.</summary>
    private static string? Classify(IPAddress a)
    {
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return (b[0], b[1]) switch
            {
                (0, _) => "unspecified",
                (10, _) => "private",
                (100, >= 64 and <= 127) => "shared (CGNAT)",
                (169, 254) => "link-local",
                (172, >= 16 and <= 31) => "private",
                (192, 168) => "private",
                (192, 0) when b[2] == 0 => "reserved",
                (198, 18 or 19) => "reserved",
                (>= 224 and <= 239, _) => "multicast",
                (>= 240, _) => "reserved",
                _ => null,
            };
        }

        if (a.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not IP";
        }

        var v6 = a.GetAddressBytes();
        if (a.Equals(IPAddress.IPv6None) || a.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        // ::a.b.c.d (deprecated v4-compatible) and NAT64 64:ff9b::/96 carry an IPv4 address a gateway may reach.
        if (v6.Take(12).All(x => x == 0) || (v6[0] == 0 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b))
        {
            var inner = new IPAddress(v6[12..]);
            return IPAddress.IsLoopback(inner) ? "loopback" : Classify(inner) ?? "embedded IPv4";
        }

        return a switch
        {
            { IsIPv6Multicast: true } => "multicast",
            { IsIPv6LinkLocal: true } => "link-local",
            { IsIPv6SiteLocal: true } => "site-local",
            _ when (v6[0] & 0xfe) == 0xfc => "unique-local",
            _ when v6[0] == 0x20 && v6[1] == 0x02 => "6to4",
            _ => null,
        };
    }
}

/// <summary>The guard refused a webhook target; retrying cannot change that.</summary>
public sealed class OutboundAddressRefusedException(string message) : Exception(message);
