using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using PdfSharp.Drawing;

namespace Failkit.Evidence;

public static partial class ReportPdf
{
    private static void Summary(PdfCanvas c, JsonObject body)
    {
        var g = c.G;
        g.DrawString("Disaster-recovery drill report", PdfCanvas.Title, new XSolidBrush(PdfCanvas.Ink), new XRect(PdfCanvas.Left, c.Y, PdfCanvas.Width, 24), XStringFormats.TopLeft);
        g.DrawString($"No. {Number(body)}", PdfCanvas.Title, new XSolidBrush(PdfCanvas.Muted), new XRect(PdfCanvas.Left, c.Y, PdfCanvas.Width, 24), XStringFormats.TopRight);
        c.Y += 28;
        c.Paragraph($"Protection group {Text(body["protection_group"]?["name"])} · signed evidence of a measured recovery drill", PdfCanvas.Body, PdfCanvas.Muted);
        c.Y += 6;

        if (body[ReportSeal.Fields.Simulated]?.GetValue<bool>() == true)
        {
            g.DrawRectangle(new XSolidBrush(PdfCanvas.Simulated), PdfCanvas.Left, c.Y, PdfCanvas.Width, 34);
            g.DrawString("SIMULATED DRILL", PdfCanvas.Heading, XBrushes.White, new XRect(PdfCanvas.Left + 10, c.Y + 4, PdfCanvas.Width, 16), XStringFormats.TopLeft);
            g.DrawString("It ran on Failkit's simulated cloud: no real infrastructure was recovered, and the timings are simulated.",
                PdfCanvas.Small, XBrushes.White, new XRect(PdfCanvas.Left + 10, c.Y + 20, PdfCanvas.Width - 20, 12), XStringFormats.TopLeft);
            c.Y += 44;
        }

        var verdict = Text(body["verdict"]);
        g.DrawRectangle(new XSolidBrush(VerdictColor(verdict)), PdfCanvas.Left, c.Y, PdfCanvas.Width, 44);
        g.DrawString($"VERDICT: {verdict.ToUpperInvariant()}", PdfCanvas.Title, XBrushes.White, new XRect(PdfCanvas.Left + 12, c.Y + 6, PdfCanvas.Width, 22), XStringFormats.TopLeft);
        var count = body["deficiencies"] is JsonArray d ? d.Count : 0;
        g.DrawString(count == 0 ? "No deficiencies." : $"{count} deficienc{(count == 1 ? "y" : "ies")} (listed below).", PdfCanvas.Body, XBrushes.White,
            new XRect(PdfCanvas.Left + 12, c.Y + 28, PdfCanvas.Width, 12), XStringFormats.TopLeft);
        c.Y += 56;

        TargetsTable(c, body);
        c.Section("The drill");
        c.Field("Tenant", Text(body[ReportSeal.Fields.TenantId]));
        c.Field("Drill", $"{Text(body[ReportSeal.Fields.DrillId])} ({Text(body["drill_status"])})");
        c.Field("Initiated by", $"{Text(body["initiator"]?["name"])} ({Text(body["initiator"]?["kind"])})");
        c.Field("Started", Utc(body["started_at"]));
        c.Field("Ended", Utc(body["ended_at"]));
        c.Field("Runbook", $"{Text(body["runbook"]?["definition_id"])} version {Text(body["runbook"]?["version"])}");
        c.Field("Runbook SHA-256", Text(body["runbook"]?["definition_sha256"]) is { Length: > 0 } h ? h : "unknown", PdfCanvas.Mono);
        c.Field("Report generated", Utc(body[ReportSeal.Fields.GeneratedAt]));

        WavesTable(c, body);
        c.Section("Deficiencies");
        var deficiencies = body["deficiencies"] is JsonArray list ? list.Select(x => Text(x)).ToList() : [];
        if (deficiencies.Count == 0)
        {
            c.Paragraph("None: every VM recovered within its targets, and the cleanup sweep found nothing left behind.", PdfCanvas.Body);
        }

        foreach (var item in deficiencies)
        {
            c.Paragraph("•  " + item, PdfCanvas.Body, PdfCanvas.Fail, indent: 6);
        }
    }

    private static void TargetsTable(PdfCanvas c, JsonObject body)
    {
        c.Section("Recovery objectives: target vs. achieved");
        double[] x = [PdfCanvas.Left, PdfCanvas.Left + 150, PdfCanvas.Left + 280, PdfCanvas.Left + 410];
        Row(c, x, ["Objective", "Target", "Achieved", "Verdict"], PdfCanvas.SmallBold, PdfCanvas.Muted, shade: false);
        foreach (var (name, key, note) in new[] { ("RTO (plan)", "rto", "request → last VM green"), ("RPO (worst VM)", "rpo", "drill start − oldest point") })
        {
            var o = body[key];
            var verdict = Text(o?["verdict"]);
            var y = c.Y;
            Row(c, x, [$"{name}", Duration(o?["target_seconds"]), Duration(o?["achieved_seconds"]), verdict], PdfCanvas.Bold, PdfCanvas.Ink, shade: true, height: 20,
                colors: [PdfCanvas.Ink, PdfCanvas.Ink, PdfCanvas.Ink, VerdictColor(verdict)]);
            c.G.DrawString(note, PdfCanvas.Small, new XSolidBrush(PdfCanvas.Muted), new XRect(x[0] + 4, y + 12, 140, 8), XStringFormats.TopLeft);
            c.G.DrawRectangle(new XSolidBrush(VerdictColor(verdict)), x[3] - 8, y + 4, 4, 12);
        }

        c.Y += 4;
    }

    private static void WavesTable(PdfCanvas c, JsonObject body)
    {
        c.Section("Verdict per wave");
        double[] x = [PdfCanvas.Left, PdfCanvas.Left + 70, PdfCanvas.Left + 150, PdfCanvas.Left + 280, PdfCanvas.Left + 410];
        Row(c, x, ["Wave", "VMs", "RTO (slowest VM)", "RPO (worst VM)", "Verdict"], PdfCanvas.SmallBold, PdfCanvas.Muted, shade: false);
        foreach (var wave in Objects(body["waves"]))
        {
            var verdict = Text(wave["verdict"]);
            Row(c, x, [Text(wave["wave"]), Text(wave["vm_count"]), Duration(wave["rto_seconds"]), Duration(wave["rpo_seconds"]), verdict],
                PdfCanvas.Body, PdfCanvas.Ink, shade: true, colors: [PdfCanvas.Ink, PdfCanvas.Ink, PdfCanvas.Ink, PdfCanvas.Ink, VerdictColor(verdict)]);
        }
    }

    /// <summary>One table row at the cursor; cells are cut to their column.</summary>
    /// <param name="colors">Per-cell colours from the left; cells past its end take <paramref name="color"/>.</param>
    internal static void Row(PdfCanvas c, double[] x, string[] cells, XFont font, XColor color, bool shade, double height = 13, XColor[]? colors = null)
    {
        c.Ensure(height);
        if (shade)
        {
            c.G.DrawRectangle(new XSolidBrush(PdfCanvas.Shade), PdfCanvas.Left, c.Y, PdfCanvas.Width, height - 1);
        }

        for (var i = 0; i < cells.Length; i++)
        {
            var right = i + 1 < x.Length ? x[i + 1] : PdfCanvas.Right;
            var width = right - x[i] - 6;
            var ink = colors is not null && i < colors.Length ? colors[i] : color;
            c.G.DrawString(c.Fit(cells[i], font, width), font, new XSolidBrush(ink), new XRect(x[i] + 3, c.Y + 2, width, height), XStringFormats.TopLeft);
        }

        c.Y += height;
    }
}
