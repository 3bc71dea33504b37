using System.Globalization;
using System.Text.Json.Nodes;

namespace Failkit.Evidence;

public static partial class ReportPdf
{
    private static readonly double[] VmColumns =
        [PdfCanvas.Left, PdfCanvas.Left + 80, PdfCanvas.Left + 110, PdfCanvas.Left + 160, PdfCanvas.Left + 204, PdfCanvas.Left + 248,
         PdfCanvas.Left + 342, PdfCanvas.Left + 424, PdfCanvas.Left + 460];

    private static readonly string[] VmHeader = ["VM", "Wave", "Verdict", "RTO", "RPO", "Point (UTC)", "Instance", "Probes", "Requests"];

    private static void VmTable(PdfCanvas c, JsonObject body)
    {
        c.NewPage();
        c.Section("Per-VM results");
        c.Paragraph("RTO is requested → probes green; RPO is drill start − the VM's oldest chosen recovery point. The manifest holds every " +
            "recovery point, cloud resource id, API request id and probe output (trimmed to " +
            string.Create(CultureInfo.InvariantCulture, $"{EvidenceOptions.ProbeOutputLimit}") + " characters).", PdfCanvas.Small, PdfCanvas.Muted);
        c.Y += 4;
        Row(c, VmColumns, VmHeader, PdfCanvas.SmallBold, PdfCanvas.Muted, shade: false, height: 12);
        c.PageHeader = p =>
        {
            p.Paragraph("Per-VM results (continued)", PdfCanvas.Bold);
            Row(p, VmColumns, VmHeader, PdfCanvas.SmallBold, PdfCanvas.Muted, shade: false, height: 12);
        };
        var i = 0;
        foreach (var vm in Objects(body["vms"]))
        {
            var points = Objects(vm["recovery_points"]).ToList();
            var oldest = points.Select(p => At(p["point_time"])).Where(t => t is not null).DefaultIfEmpty().Min();
            var probes = Objects(vm["probes"]).ToList();
            var verdict = Text(vm["verdict"]);
            Row(c, VmColumns,
            [
                Text(vm["name"]), Text(vm["wave"]), verdict, Short(vm["rto_seconds"]), Short(vm["rpo_seconds"]),
                oldest is { } o ? o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—",
                Text(vm["instance_id"]) is { Length: > 0 } id ? id : "—",
                string.Create(CultureInfo.InvariantCulture, $"{probes.Count(p => p["passed"]?.GetValue<bool>() == true)}/{probes.Count}"),
                string.Create(CultureInfo.InvariantCulture, $"{(vm["request_ids"] as JsonArray)?.Count ?? 0} ids"),
            ], PdfCanvas.Mono, PdfCanvas.Ink, shade: i++ % 2 == 0, height: 11, colors: [PdfCanvas.Ink, PdfCanvas.Ink, VerdictColor(verdict)]);
        }

        c.PageHeader = null;
    }

    private static string Short(JsonNode? node) => Seconds(node) is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0}s") : "—";
}
