using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Failkit.Tenancy;

/// <summary>The shared secret between the management plane and one tenant plane
/// (docs/decisions/planes-internal-api.md): HMAC-SHA256 of the slug under the management secret, so no table
/// holds it and a tenant plane's key opens nothing but its own slug's internal routes.</summary>
public static class PlaneKeys
{
    /// <summary>The bearer scheme the internal routes expect.</summary>
    public const string Scheme = "PlaneKey";

    /// <summary>The configuration key a tenant plane reads its own key from.</summary>
    public const string ConfigurationKey = "Failkit:Management:PlaneKey";

    public static string Derive(ReadOnlySpan<byte> managementSecret, TenantSlug slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        if (managementSecret.Length < 32)
        {
            throw new ArgumentException("The management secret must be at least 32 bytes.", nameof(managementSecret));
        }

        return Base64Url.EncodeToString(HMACSHA256.HashData(managementSecret, Encoding.UTF8.GetBytes("plane:" + slug.Value)));
    }

    /// <summary>Constant-time comparison, so a caller cannot learn the key byte by byte from response times.</summary>
    public static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>The key in an <c>Authorization: PlaneKey &lt;key&gt;</c> header value, or null.</summary>
    public static string? FromAuthorizationHeader(string? header) =>
        header is not null && header.StartsWith(Scheme + " ", StringComparison.Ordinal) ? header[(Scheme.Length + 1)..].Trim() : null;
}
