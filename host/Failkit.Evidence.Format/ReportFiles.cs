using System.Globalization;
using System.Text.RegularExpressions;

namespace Failkit.Evidence.Format;

/// <summary>The names of a report's files in an export folder. A purged report keeps its stub and signature.</summary>
public static partial class ReportFiles
{
    public const string KeysFile = "report-keys.json";
    public const string AuditFile = "audit.jsonl";

    public static string Manifest(long number) => $"report-{Number(number)}.json";

    public static string Stub(long number) => $"report-{Number(number)}.stub.json";

    public static string Signature(long number) => $"report-{Number(number)}.sig";

    public static string Pdf(long number) => $"report-{Number(number)}.pdf";

    /// <summary>The report number a file name claims, or null for files that are not report files.</summary>
    public static long? NumberOf(string fileName)
    {
        var m = Pattern().Match(Path.GetFileName(fileName));
        return m.Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string Number(long number) => number.ToString("D6", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^report-(\d{6,})\.(json|stub\.json|sig|pdf)$")]
    private static partial Regex Pattern();
}
