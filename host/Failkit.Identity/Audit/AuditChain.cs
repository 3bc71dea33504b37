using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Failkit.Identity.Audit;

/// <summary>The chain rule outside the database: each row's <c>prev_sha256</c> is the SHA-256 of its predecessor's
/// canonical text (the same text as <c>identity.audit_canonical</c>); the first row's is 32 zero bytes.</summary>
public static class AuditChain
{
    public static string Canonical(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Join('|',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.Kind, e.Actor, e.Target ?? "", e.Detail ?? "", Convert.ToHexStringLower(e.PrevSha256));
    }

    /// <summary>The number of the first row whose link is wrong, or null when the whole list (in order) is intact.</summary>
    public static long? FirstBrokenLink(IReadOnlyList<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var expected = new byte[32];
        foreach (var e in events)
        {
            if (!e.PrevSha256.AsSpan().SequenceEqual(expected))
            {
                return e.Seq;
            }

            expected = SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e)));
        }

        return null;
    }
}

public sealed record AuditEvent(long Seq, DateTimeOffset At, string Kind, string Actor, string? Target, string? Detail, byte[] PrevSha256);
