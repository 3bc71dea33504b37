using Failkit.Evidence.Format.Verification;

namespace Failkit.Verifier;

/// <summary>The human form: one row per report, the problems in full sentences, then one summary line.</summary>
public static class ResultPrinter
{
    private static readonly string[] Header = ["report", "drill", "generated", "status", "detail"];

    public static void Print(VerificationResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Tenant {result.Tenant} ({result.TenantId})");
        var rows = result.Reports.Select(r => new[]
        {
            r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.DrillId?.ToString() ?? "?",
            r.GeneratedAt ?? "?",
            r.Status.ToString().ToUpperInvariant(),
            Detail(r),
        }).ToList();
        var widths = Header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(Header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        var problems = result.Problems().ToList();
        if (problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Problems:");
            foreach (var p in problems)
            {
                output.WriteLine($"  - {p}");
            }
        }

        output.WriteLine();
        output.WriteLine(Summary(result));
    }

    public static string Summary(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var chain = result.ChainProblems.Count == 0 ? "chain intact" : $"{result.ChainProblems.Count} chain problem(s)";
        var audit = result.Audit switch
        {
            null => "no audit export",
            { Intact: true } a => $"audit {a.File}: {a.Events} events, chain intact",
            var a => $"audit {a.File}: {a.Problems.Count} problem(s)",
        };
        var verdict = result.Verified ? "VERIFIED" : "NOT VERIFIED";
        return $"{verdict}: {result.Reports.Count} reports ({result.Ok} OK, {result.Purged} purged, {result.Failed} failed); {chain}; {audit}";
    }

    private static string Detail(ReportVerification r) => r.Status switch
    {
        ReportStatus.Ok => $"signature and PDF hash OK (key {r.KeyId})",
        ReportStatus.Purged => $"purged {r.PurgedAt}: signed stub, chain links checked, PDF and content gone",
        _ => r.Reasons.Count == 1 ? "1 problem, listed below" : $"{r.Reasons.Count} problems, listed below",
    };

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
}
