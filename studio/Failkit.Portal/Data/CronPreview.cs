using System.Globalization;
using Failkit.Drills;

namespace Failkit.Portal.Data;

/// <summary>A schedule said in words ("every Monday at 02:00 UTC") with its next fire times, computed by Cronos through
/// <see cref="DrillSchedule"/>, the parser the scheduler uses, so the preview and the scheduler cannot disagree.</summary>
public sealed record CronPreview(string? Text, IReadOnlyList<DateTimeOffset> Next, string? Error)
{
    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] DayAbbreviations = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private static readonly string[] MonthAbbreviations = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    public static CronPreview Of(string? cron, TimeZoneInfo zone, DateTimeOffset now, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(cron))
        {
            return new CronPreview(null, [], null);
        }

        if (!DrillSchedule.TryParse(cron.Trim(), out var expression, out var error))
        {
            return new CronPreview(null, [], error);
        }

        var next = new List<DateTimeOffset>();
        for (var at = now; next.Count < count && expression!.GetNextOccurrence(at, zone) is { } occurrence; at = occurrence)
        {
            // Cronos answers in the zone's offset; kept in UTC like every other time, the page converts for display.
            next.Add(occurrence.ToUniversalTime());
        }

        return new CronPreview(Describe(cron.Trim(), zone.Id), next, null);
    }

    /// <summary>The common shapes in words; anything else is named as the cron expression it is, never guessed.</summary>
    public static string Describe(string cron, string zone)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length == 6)
        {
            if (f[0] != "0")
            {
                return $"on the cron schedule {cron} ({zone})";
            }

            f = f[1..];
        }

        var (minute, hour, dayOfMonth, month, dayOfWeek) = (f[0], f[1], f[2], f[3], f[4]);
        string? time = (Number(minute), Number(hour)) switch
        {
            ({ } m, { } h) => string.Create(CultureInfo.InvariantCulture, $"at {h:00}:{m:00}"),
            ({ } m, null) when hour == "*" => $"every hour at minute {m}",
            (null, null) when hour == "*" && minute.StartsWith("*/", StringComparison.Ordinal) && Number(minute[2..]) is { } n => $"every {n} minutes",
            _ => null,
        };
        string? days = (dayOfMonth, month, dayOfWeek) switch
        {
            ("*" or "?", "*", "*" or "?") => "every day",
            ("*" or "?", "*", _) => Weekdays(dayOfWeek),
            (_, "*", "*" or "?") when Number(dayOfMonth) is { } d => $"on day {d} of every month",
            (_, _, "*" or "?") when Number(dayOfMonth) is { } d && Month(month) is { } m => $"every year on {m} {d}",
            _ => null,
        };
        return time is null || days is null ? $"on the cron schedule {cron} ({zone})" : $"{days} {time} {zone}";
    }

    private static string? Weekdays(string field)
    {
        if (field.Split('-') is [var from, var to] && Day(from) is { } a && Day(to) is { } b)
        {
            return $"every {DayNames[a]} to {DayNames[b]}";
        }

        var days = field.Split(',').Select(Day).ToList();
        if (days.Any(d => d is null))
        {
            return null;
        }

        var names = days.Select(d => DayNames[d!.Value]).ToList();
        return names.Count == 1 ? $"every {names[0]}" : $"every {string.Join(", ", names[..^1])} and {names[^1]}";
    }

    private static int? Day(string text) =>
        Number(text) is { } n and <= 7 ? n % 7 : Array.IndexOf(DayAbbreviations, text.ToUpperInvariant()) is var i and >= 0 ? i : null;

    private static string? Month(string text)
    {
        var n = Number(text) ?? (Array.IndexOf(MonthAbbreviations, text.ToUpperInvariant()) is var i and >= 0 ? i + 1 : null);
        return n is >= 1 and <= 12 ? CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(n.Value) : null;
    }

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
