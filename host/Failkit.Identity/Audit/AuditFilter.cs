using System.Globalization;
using System.Text.RegularExpressions;

namespace Failkit.Identity.Audit;

/// <summary>The filters of <c>/api/audit</c> and its export, parsed from the query string here (not by the framework)
/// so that every bad value is a 400 keyed by its field.</summary>
public sealed partial record AuditFilter(
    string? Kind, bool KindIsPrefix, string? Actor, string? Target, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>The SQL condition on <c>identity.audit_events</c> for parameters $1..$7 (<see cref="Arguments"/>).</summary>
    public const string Where = """
        ($1::text IS NULL OR (CASE WHEN $2 THEN starts_with(kind, $1) ELSE kind = $1 END))
        AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR target = $4)
        AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
        AND ($7::bigint IS NULL OR seq < $7)
        """;

    public object?[] Arguments() => [Kind, KindIsPrefix, Actor, Target, From, To, Before];

    /// <param name="kind">Exact (<c>drill.started</c>) or a prefix written <c>drill.*</c>.</param>
    /// <param name="from">Inclusive, ISO 8601 with an offset.</param>
    /// <param name="to">Exclusive.</param>
    public static (AuditFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        string? kind, string? actor, string? target, string? from, string? to, string? before, string? limit, int defaultLimit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var prefix = kind is not null && kind.EndsWith(".*", StringComparison.Ordinal);
        var kindValue = prefix ? kind![..^1] : kind;
        if (kind is not null && (kindValue!.Length is 0 or > 100 || !KindPattern().IsMatch(kindValue)))
        {
            errors["kind"] = ["An event kind (drill.started) or a prefix ending in .* (drill.*): lowercase letters, digits, '.', '-'."];
        }

        CheckText(actor, "actor", errors);
        CheckText(target, "target", errors);
        var fromAt = Time(from, "from", errors);
        var toAt = Time(to, "to", errors);
        if (fromAt is { } f && toAt is { } t && t <= f)
        {
            errors["to"] = ["Must be later than from."];
        }

        long? beforeSeq = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0)
            {
                beforeSeq = b;
            }
            else
            {
                errors["before"] = ["An event number (seq) greater than 0."];
            }
        }

        var size = defaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"Between 1 and {MaxLimit}."];
        }

        return errors.Count > 0 ? (null, errors) : (new AuditFilter(kindValue, prefix, actor, target, fromAt, toAt, beforeSeq, size), errors);
    }

    private static void CheckText(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is not null && (value.Length is 0 or > 500 || value.Any(char.IsControl)))
        {
            errors[field] = ["1 to 500 printable characters."];
        }
    }

    private static DateTimeOffset? Time(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        errors[field] = ["An ISO 8601 time, e.g. 2026-01-31T00:00:00Z."];
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex KindPattern();
}
