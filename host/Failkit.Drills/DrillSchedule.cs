using Cronos;

namespace Failkit.Drills;

/// <summary>A protection group's cron schedule: five fields (minute precision) or six (with seconds), in UTC.</summary>
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

    public static DateTimeOffset? Next(string text, DateTimeOffset after) =>
        TryParse(text, out var cron, out _) ? cron!.GetNextOccurrence(after, TimeZoneInfo.Utc) : null;
}
