using System.Globalization;
using System.Text.Json.Nodes;
using PdfSharp.Drawing;

namespace Failkit.Evidence;

public static partial class ReportPdf
{
    private static readonly (string Label, string From, string To, XColor Color)[] Segments =
    [
        ("Provision (requested → disk ready)", "requested_at", "disk_ready_at", XColor.FromArgb(0x93, 0xc5, 0xfd)),
        ("Launch (disk ready → instance running)", "disk_ready_at", "instance_running_at", XColor.FromArgb(0x3b, 0x82, 0xf6)),
        ("OS boot (running → boot signal)", "instance_running_at", "boot_signal_at", XColor.FromArgb(0x1d, 0x4e, 0xd8)),
        ("App ready (boot signal → probes green)", "boot_signal_at", "probes_green_at", XColor.FromArgb(0x16, 0xa3, 0x4a)),
    ];

    private const double ChartLeft = PdfCanvas.Left + 96;
    private const double BarHeight = 7;
    private const double RowHeight = 10;

    private static void Waterfall(PdfCanvas c, JsonObject body)
    {
        c.NewPage();
        c.Section("RTO waterfall");
        var start = At(body["started_at"]) ?? DateTimeOffset.MinValue;
        var vms = Objects(body["vms"]).ToList();
        var ends = vms.SelectMany(v => Segments.Select(s => At(v["waterfall"]?[s.To]))).Where(t => t is not null).Select(t => (t!.Value - start).TotalSeconds).ToList();
        var target = Seconds(body["rto"]?["target_seconds"]) ?? 0;
        var scale = Math.Max(1, ends.DefaultIfEmpty(1).Max() * 1.08);
        var targetShown = target <= scale * 1.5;
        scale = targetShown ? Math.Max(scale, target * 1.04) : scale;
        c.Paragraph("Each bar is one VM, measured from the drill's start. " + (targetShown
            ? "The dashed red line is the RTO target."
            : $"The RTO target ({FormatSeconds(target)}) lies far to the right of this chart: every bar ends well before it."), PdfCanvas.Small, PdfCanvas.Muted);
        Legend(c);
        Axis(c, scale);
        var top = c.Y;
        c.PageHeader = p =>
        {
            p.Paragraph("RTO waterfall (continued)", PdfCanvas.Bold);
            Axis(p, scale);
            top = p.Y;
        };
        foreach (var vm in vms)
        {
            if (c.Y + RowHeight > PdfCanvas.Bottom)
            {
                TargetLine(c, top, target, scale, targetShown);
                c.NewPage();
            }

            c.G.DrawString(c.Fit($"{Text(vm["name"])} (w{Text(vm["wave"])})", PdfCanvas.Small, 92), PdfCanvas.Small, new XSolidBrush(PdfCanvas.Ink),
                new XRect(PdfCanvas.Left, c.Y, 92, RowHeight), XStringFormats.TopLeft);
            foreach (var (_, from, to, color) in Segments)
            {
                if (At(vm["waterfall"]?[from]) is { } f && At(vm["waterfall"]?[to]) is { } t)
                {
                    var x0 = X(scale, (f - start).TotalSeconds);
                    c.G.DrawRectangle(new XSolidBrush(color), x0, c.Y + 1.5, Math.Max(0.6, X(scale, (t - start).TotalSeconds) - x0), BarHeight);
                }
            }

            if (Text(vm["verdict"]) is not "Passed" and var verdict)
            {
                c.G.DrawString(verdict, PdfCanvas.SmallBold, new XSolidBrush(VerdictColor(verdict)), new XRect(PdfCanvas.Left, c.Y, PdfCanvas.Width, RowHeight), XStringFormats.TopRight);
            }

            c.Y += RowHeight;
        }

        TargetLine(c, top, target, scale, targetShown);
        c.PageHeader = null;
    }

    private static double X(double scale, double seconds) => ChartLeft + (Math.Clamp(seconds, 0, scale) / scale * (PdfCanvas.Right - ChartLeft));

    private static void Legend(PdfCanvas c)
    {
        c.Ensure(24);
        var x = PdfCanvas.Left;
        foreach (var (label, _, _, color) in Segments)
        {
            c.G.DrawRectangle(new XSolidBrush(color), x, c.Y + 2, 8, 7);
            c.G.DrawString(label, PdfCanvas.Small, new XSolidBrush(PdfCanvas.Ink), new XRect(x + 11, c.Y, 240, 10), XStringFormats.TopLeft);
            x += c.G.MeasureString(label, PdfCanvas.Small).Width + 24;
            if (x > PdfCanvas.Right - 150)
            {
                x = PdfCanvas.Left;
                c.Y += 11;
            }
        }

        c.Y += 14;
    }

    private static void Axis(PdfCanvas c, double scale)
    {
        var step = NiceStep(scale / 6);
        var pen = new XPen(PdfCanvas.Rule, 0.5);
        for (var s = 0.0; s <= scale + 1e-9; s += step)
        {
            var x = X(scale, s);
            c.G.DrawLine(pen, x, c.Y + 10, x, c.Y + 13);
            c.G.DrawString(string.Create(CultureInfo.InvariantCulture, $"{s:0.##}s"), PdfCanvas.Small, new XSolidBrush(PdfCanvas.Muted),
                new XRect(x - 20, c.Y, 40, 10), XStringFormats.TopCenter);
        }

        c.G.DrawLine(pen, ChartLeft, c.Y + 13, PdfCanvas.Right, c.Y + 13);
        c.Y += 16;
    }

    private static void TargetLine(PdfCanvas c, double top, double target, double scale, bool shown)
    {
        if (!shown || target <= 0)
        {
            return;
        }

        var x = X(scale, target);
        c.G.DrawLine(new XPen(PdfCanvas.Fail, 1) { DashStyle = XDashStyle.Dash }, x, top, x, c.Y);
        c.G.DrawString("RTO target", PdfCanvas.SmallBold, new XSolidBrush(PdfCanvas.Fail), new XRect(x - 60, c.Y + 1, 58, 10), XStringFormats.TopRight);
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1e-6))));
        var n = raw / magnitude;
        return magnitude * (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10);
    }
}
