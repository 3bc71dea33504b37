using System.Text.RegularExpressions;

namespace Failkit.Gateway;

public enum GatewayTarget
{
    /// <summary>Not ours: another domain, a nested subdomain, an empty or malformed host.</summary>
    None,
    Management,
    Tenant,
}

/// <summary>Reads the target from the request's Host alone: <c>&lt;domain&gt;</c> or exactly one label before it.
/// Case-insensitive, port ignored.</summary>
public static partial class GatewayHost
{
    public static GatewayTarget Parse(string? host, string domain, out string? slug)
    {
        slug = null;
        if (string.IsNullOrEmpty(host))
        {
            return GatewayTarget.None;
        }

        if (string.Equals(host, domain, StringComparison.OrdinalIgnoreCase))
        {
            return GatewayTarget.Management;
        }

        var suffix = "." + domain;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return GatewayTarget.None;
        }

        var label = host[..^suffix.Length].ToLowerInvariant();
        if (!IsLabel(label))
        {
            return GatewayTarget.None;
        }

        slug = label;
        return GatewayTarget.Tenant;
    }

    /// <summary>One lower-case DNS label: no dots, so <c>b.a.&lt;domain&gt;</c> never names tenant <c>a</c>.</summary>
    public static bool IsLabel(string? value) => value is { Length: > 0 and <= 63 } && Label().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
