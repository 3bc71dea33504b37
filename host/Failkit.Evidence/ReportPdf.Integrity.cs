using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using PdfSharp.Drawing;

namespace Failkit.Evidence;

public static partial class ReportPdf
{
    private static void Integrity(PdfCanvas c, JsonObject body, string bodySha256)
    {
        c.Ensure(300);
        c.Section("Integrity");
        var top = c.Y;
        c.Y += 6;
        c.Field("Report number", Number(body), labelWidth: 150);
        c.Field("Previous report SHA-256", Text(body[ReportSeal.Fields.PreviousReportSha256]) is { Length: > 0 } previous ? previous : "none: the first report of this tenant's chain",
            PdfCanvas.Mono, labelWidth: 150);
        c.Field("Manifest body SHA-256", bodySha256, PdfCanvas.Mono, labelWidth: 150);
        c.Field("Signing key", Text(body["signing_key"]?["key_id"]), PdfCanvas.Mono, labelWidth: 150);
        c.Field("Key fingerprint", Text(body["signing_key"]?["fingerprint"]), PdfCanvas.Mono, labelWidth: 150);
        c.Field("Generated", Utc(body[ReportSeal.Fields.GeneratedAt]), labelWidth: 150);
        c.G.DrawRectangle(new XPen(PdfCanvas.Rule, 0.8), PdfCanvas.Left - 4, top, PdfCanvas.Width + 8, c.Y - top + 4);
        c.Y += 12;
        c.Paragraph($"This PDF carries the manifest body as the attached file {AttachmentName}; the hash above is the SHA-256 of that attachment. " +
            $"The signed manifest ({ReportFiles.Manifest(1).Replace("000001", Number(body), StringComparison.Ordinal)}) is the same body plus the PDF's own " +
            "SHA-256, and the signature file (.sig) is Ed25519, by the key above, over the SHA-256 of the signed manifest. A document cannot print its " +
            "own hash, so the PDF prints the body's, and the signature covers both.", PdfCanvas.Body);
        c.Y += 4;
        c.Paragraph("Each report names the SHA-256 of the report before it, so the tenant's reports form one chain: a removed, inserted or " +
            "reordered report breaks it. The public keys, with their validity windows, are published at /.well-known/failkit/report-keys.", PdfCanvas.Body);
        c.Y += 6;
        c.Paragraph("To verify offline, with the exported folder and the published keys:", PdfCanvas.Bold);
        c.Paragraph("./failkit verify <folder> --public-key report-keys.json", PdfCanvas.Mono, indent: 10);
    }
}
