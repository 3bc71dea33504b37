using System.Text.RegularExpressions;

namespace Failkit.Workflows.Runtime.Scheduling;

/// <summary>Translates the cron dialect of the Cron activity (5 fields, or 6 with seconds first, as Cronos reads
/// them) into Quartz's dialect (seconds first, '?' in one of the day fields, Sunday = 1).</summary>
public static partial class QuartzCron
{
    public static string FromCronos(string expression)
    {
        var f = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (f.Count == 5)
        {
            f.Insert(0, "0");
        }

        if (f.Count != 6)
        {
            throw new FormatException($"'{expression}' is not a 5- or 6-field cron expression.");
        }

        var (dom, dow) = (f[3], f[5]);
        if (dow is "*" or "?")
        {
            dow = "?";
            dom = dom == "?" ? "*" : dom;
        }
        else if (dom is "*" or "?")
        {
            dom = "?";
            dow = DayNumber().Replace(dow, m => ((int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) % 7) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            throw new FormatException($"'{expression}' restricts both day-of-month and day-of-week; split it into two triggers.");
        }

        return string.Join(' ', f[0], f[1], f[2], dom, f[4], dow);
    }

    // Day numbers, but not step values ("*/2") which count days rather than name them.
    [GeneratedRegex(@"(?<!/)\b\d+\b")]
    private static partial Regex DayNumber();
}
