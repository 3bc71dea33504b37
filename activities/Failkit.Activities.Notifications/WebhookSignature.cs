using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Failkit.Activities.Notifications;

/// <summary>The <c>Failkit-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + body)&gt;</c>.
/// A receiver recomputes the HMAC over the raw body bytes it received, compares in constant time, and refuses a
/// timestamp outside its tolerance (5 minutes by default) so a captured request cannot be replayed later
/// (docs/decisions/notifications-webhooks.md).</summary>
public static class WebhookSignature
{
    public const string HeaderName = "Failkit-Signature";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Create(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>True when the header carries a v1 signature of <paramref name="body"/> under <paramref name="secret"/>
    /// whose timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || (now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)));
}
