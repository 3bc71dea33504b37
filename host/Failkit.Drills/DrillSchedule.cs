using Cronos;

namespace Failkit.Drills;

/// <summary>A protection group's cron schedule: five fields (minute precision) or six (with seconds), read in the
/// group's time zone (UTC when it names none). Cronos handles daylight-saving gaps and overlaps.</summary>
public static class DrillSchedule
{
    public static bool TryParse(string text, out CronExpression? cron, out string? error)
    {
        cron = null;
        error = null;
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = "schedule must be a cron expression of five fields (or six, with seconds first)";
            return false;
        }

        try
        {
            cron = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"schedule is not a valid cron expression: {ex.Message}";
            return false;
        }
    }

    /// <summary>A time zone by IANA id (<c>Europe/Berlin</c>) or Windows id; the platform's database decides.</summary>
    public static bool TryFindZone(string id, out TimeZoneInfo? zone, out string? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out zone))
        {
            return true;
        }

        zone = null;
        error = $"'{id}' is not a known time zone (use an IANA name such as Europe/Berlin)";
        return false;
    }

    public static DateTimeOffset? Next(string text, DateTimeOffset after) => Next(text, null, after);

    /// <param name="zone">Null: UTC. An unknown zone gives null, like an invalid cron: the schedule does not fire.</param>
    public static DateTimeOffset? Next(string text, string? zone, DateTimeOffset after)
    {
        TimeZoneInfo? tz = TimeZoneInfo.Utc;
        // Cronos answers in the zone's offset; the database (and every other time here) is UTC.
        return TryParse(text, out var cron, out _) && (zone is null || TryFindZone(zone, out tz, out _))
            ? cron!.GetNextOccurrence(after, tz!)?.ToUniversalTime()
            : null;
    }
}
