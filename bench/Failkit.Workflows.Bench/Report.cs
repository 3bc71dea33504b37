using System.Globalization;
using System.Text;

namespace Failkit.Workflows.Bench;

/// <summary>Collects the rows of the one table the harness prints, and the figures later sections compare against.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>Durable (PostgreSQL, journal on) instances/s from section (a), for the ceiling fraction in (e).</summary>
    public double? DurableInstancesPerSecond { get; set; }

    public void Add(string section, string what, string result, string target = "", bool? pass = null) =>
        _rows.Add(new Row(section, what, result, target, pass switch { true => "PASS", false => "MISS", null => "" }));

    public void Unavailable(string section, string what, string reason, string target = "") =>
        _rows.Add(new Row(section, what, "not measured: " + reason, target, "n/a"));

    public void Note(string text) => _notes.Add(text);

    public void Print(TextWriter output, IEnumerable<string> header)
    {
        var headers = new Row("#", "configuration", "result", "target", "verdict");
        var all = _rows.Prepend(headers).ToList();
        var w = new[]
        {
            all.Max(r => r.Section.Length), all.Max(r => r.What.Length), all.Max(r => r.Result.Length),
            all.Max(r => r.Target.Length), all.Max(r => r.Verdict.Length),
        };
        var sb = new StringBuilder();
        foreach (var line in header)
        {
            sb.AppendLine(line);
        }

        sb.AppendLine();
        AppendRow(sb, headers, w);
        sb.AppendLine("|" + string.Join("|", w.Select(n => new string('-', n + 2))) + "|");
        foreach (var row in _rows)
        {
            AppendRow(sb, row, w);
        }

        foreach (var note in _notes)
        {
            sb.AppendLine("- " + note);
        }

        output.Write(sb.ToString());
    }

    private static void AppendRow(StringBuilder sb, Row r, int[] w) =>
        sb.Append("| ").Append(r.Section.PadRight(w[0])).Append(" | ").Append(r.What.PadRight(w[1]))
          .Append(" | ").Append(r.Result.PadRight(w[2])).Append(" | ").Append(r.Target.PadRight(w[3]))
          .Append(" | ").Append(r.Verdict.PadRight(w[4])).AppendLine(" |");

    private sealed record Row(string Section, string What, string Result, string Target, string Verdict);
}

/// <summary>Number formatting for the table: thousands separators, fixed decimals, invariant culture.</summary>
public static class Fmt
{
    public static string N(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => milliseconds < 1
        ? milliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms"
        : milliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    public static string Pct(double fraction) => (fraction * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Bytes(double bytes) => bytes switch
    {
        >= 1 << 30 => (bytes / (1 << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1 << 20 => (bytes / (1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1 << 10 => (bytes / (1 << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " B",
    };
}
