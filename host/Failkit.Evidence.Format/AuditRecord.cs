using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Failkit.Evidence.Format;

/// <summary>One audit event as the JSON Lines export writes it. <see cref="At"/> is in
/// <see cref="EvidenceJson.TimeFormat"/>, so the export holds the exact text the chain hashed.</summary>
public sealed record AuditRecord(
    long Seq, string At, string Kind, string Actor, string? Target, string? Detail, string? Source, string? Before, string? After,
    string PrevSha256)
{
    public string ToJsonLine() => JsonSerializer.Serialize(this, EvidenceJson.Options);

    public static AuditRecord ParseLine(string line) =>
        JsonSerializer.Deserialize<AuditRecord>(line, EvidenceJson.Options) is { Kind: not null, Actor: not null, PrevSha256: not null, At: not null } r
            ? r
            : throw new JsonException("not an audit event (seq, at, kind, actor, prev_sha256)");
}

/// <summary>The audit chain rule, the same as the database trigger's: each event's <c>prev_sha256</c> is the SHA-256
/// of its predecessor's canonical text; the first event's is 32 zero bytes. Events written before source, before and
/// after existed have the shorter text, so their links still hold.</summary>
public static class AuditChainRule
{
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(AuditRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = string.Join('|', e.Seq.ToString(CultureInfo.InvariantCulture), e.At, e.Kind, e.Actor, e.Target ?? "", e.Detail ?? "", e.PrevSha256);
        return e.Source is null && e.Before is null && e.After is null ? text : string.Join('|', text, e.Source ?? "", e.Before ?? "", e.After ?? "");
    }

    public static string HashOf(AuditRecord e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>The first event (in the given order) whose link or number is wrong, with the reason; null when intact.</summary>
    public static (long Seq, string Reason)? FirstBreak(IEnumerable<AuditRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var expected = Genesis;
        long? previousSeq = null;
        foreach (var e in events)
        {
            if (previousSeq is { } p && e.Seq != p + 1)
            {
                return (e.Seq, $"event {e.Seq} follows event {p}: {(e.Seq > p ? "events are missing" : "events are out of order")}");
            }

            if (!string.Equals(e.PrevSha256, expected, StringComparison.OrdinalIgnoreCase))
            {
                return (e.Seq, previousSeq is null && e.Seq != 1
                    ? $"event {e.Seq} is not the first event, and its predecessor is not in the export"
                    : $"event {e.Seq} does not link to its predecessor (an event was edited, removed or inserted)");
            }

            expected = HashOf(e);
            previousSeq = e.Seq;
        }

        return null;
    }
}
