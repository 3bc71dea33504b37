using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Failkit.Evidence;

/// <summary>Renders a report's PDF from its manifest body alone, so the PDF shows exactly what the signed manifest
/// holds: summary, per-VM table, RTO waterfall, timeline, approvals and cleanup, and the integrity block. The body's
/// canonical bytes are attached as <see cref="AttachmentName"/>.</summary>
public static partial class ReportPdf
{
    public const string AttachmentName = "manifest-body.json";

    public static byte[] Render(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ReportFonts.Install();
        var bodyBytes = ReportSeal.BodyBytes(body);
        var number = Number(body);
        using var doc = new PdfDocument();
        doc.Info.Title = $"Failkit drill report {number}";
        doc.Info.Subject = $"Drill {body[ReportSeal.Fields.DrillId]}";
        doc.Info.Creator = "Failkit";
        // The document's own dates are the report's, so two renders of one body differ only in PDFsharp's file id.
        doc.Info.CreationDate = EvidenceJson.ParseTime(Text(body[ReportSeal.Fields.GeneratedAt])).UtcDateTime;
        using (var canvas = new PdfCanvas(doc))
        {
            Summary(canvas, body);
            VmTable(canvas, body);
            Waterfall(canvas, body);
            Timeline(canvas, body);
            ApprovalsAndCleanup(canvas, body);
            Integrity(canvas, body, EvidenceJson.Sha256Hex(bodyBytes));
        }

        Footers(doc, body, number);
        using (var attachment = new MemoryStream(bodyBytes))
        {
            doc.AddEmbeddedFile(AttachmentName, attachment);
        }

        using var output = new MemoryStream();
        doc.Save(output, false);
        return output.ToArray();
    }

    private static void Footers(PdfDocument doc, JsonObject body, string number)
    {
        var simulated = body[ReportSeal.Fields.Simulated]?.GetValue<bool>() == true;
        var left = $"Failkit drill report No. {number} · drill {body[ReportSeal.Fields.DrillId]}{(simulated ? " · SIMULATED" : "")}";
        for (var i = 0; i < doc.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(doc.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PdfCanvas.Bottom + 16;
            g.DrawLine(new XPen(PdfCanvas.Rule, 0.6), PdfCanvas.Left, y - 4, PdfCanvas.Right, y - 4);
            g.DrawString(left, PdfCanvas.Small, new XSolidBrush(PdfCanvas.Muted), new XRect(PdfCanvas.Left, y, PdfCanvas.Width, 10), XStringFormats.TopLeft);
            g.DrawString(string.Create(CultureInfo.InvariantCulture, $"page {i + 1} of {doc.PageCount}"), PdfCanvas.Small, new XSolidBrush(PdfCanvas.Muted),
                new XRect(PdfCanvas.Left, y, PdfCanvas.Width, 10), XStringFormats.TopRight);
        }
    }

    internal static string Number(JsonObject body) =>
        body[ReportSeal.Fields.ReportNumber]!.GetValue<long>().ToString("D6", CultureInfo.InvariantCulture);

    internal static string Text(JsonNode? node) => node?.GetValueKind() switch
    {
        null or System.Text.Json.JsonValueKind.Null => "",
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    internal static double? Seconds(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.Deserialize<double>() : null;

    internal static string Duration(JsonNode? node) => Seconds(node) is { } s ? FormatSeconds(s) : "—";

    internal static string FormatSeconds(double s) => s switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{s / 60:0.0} min ({s:0} s)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{s / 3600:0.0} h ({s:0} s)"),
    };

    internal static DateTimeOffset? At(JsonNode? node) => Text(node) is { Length: > 0 } t ? EvidenceJson.ParseTime(t) : null;

    /// <summary>UTC to the second, as a reader wants it; the manifest keeps the microseconds.</summary>
    internal static string Utc(JsonNode? node) => At(node) is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    internal static XColor VerdictColor(string verdict) => verdict switch
    {
        "Passed" => PdfCanvas.Pass,
        "Failed" => PdfCanvas.Fail,
        _ => PdfCanvas.Neutral,
    };

    internal static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];
}
