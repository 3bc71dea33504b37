using System.Globalization;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;

namespace Failkit.Evidence;

public static partial class ReportPdf
{
    /// <summary>Resources listed by name in the PDF; the manifest lists all of them.</summary>
    private const int ListedResources = 40;

    private static void Timeline(PdfCanvas c, JsonObject body)
    {
        c.NewPage();
        c.Section("Timeline");
        var start = At(body["started_at"]);
        var events = new List<(DateTimeOffset At, string What)>();
        Add(events, body["started_at"], $"Drill requested by {Text(body["initiator"]?["name"])}");
        foreach (var a in Objects(body["approvals"]))
        {
            Add(events, a["decided_at"], $"Drill {Text(a["decision"])} by {Text(a["decided_by"])}");
        }

        foreach (var wave in Objects(body["vms"]).GroupBy(v => Text(v["wave"])))
        {
            var requested = wave.Select(v => At(v["waterfall"]?["requested_at"])).Where(t => t is not null).Min();
            var green = wave.Select(v => At(v["waterfall"]?["probes_green_at"])).ToList();
            if (requested is { } r)
            {
                events.Add((r, $"Wave {wave.Key}: boot of {wave.Count()} VM(s) requested"));
            }

            if (green.Count > 0 && green.All(t => t is not null))
            {
                events.Add((green.Max()!.Value, $"Wave {wave.Key}: all VMs green (probes passed)"));
            }
            else
            {
                events.AddRange(wave.Where(v => Text(v["verdict"]) != "Passed" && At(v["waterfall"]?["requested_at"]) is not null)
                    .Take(5).Select(v => (At(v["waterfall"]?["requested_at"])!.Value, $"Wave {wave.Key}: {Text(v["name"])} did not pass ({Text(v["verdict"])})")));
            }
        }

        Add(events, body["cleanup"]?["torn_down_at"], "Cleanup: drill resources torn down");
        Add(events, body["cleanup"]?["swept_at"], "Cleanup: sweep by the drill tag finished");
        Add(events, body["ended_at"], $"Drill ended: {Text(body["drill_status"])}");
        Add(events, body[ReportSeal.Fields.GeneratedAt], $"Report No. {Number(body)} generated and signed");
        double[] x = [PdfCanvas.Left, PdfCanvas.Left + 128, PdfCanvas.Left + 196];
        Row(c, x, ["Time (UTC)", "Since start", "Event"], PdfCanvas.SmallBold, PdfCanvas.Muted, shade: false);
        var i = 0;
        foreach (var (at, what) in events.OrderBy(e => e.At))
        {
            var since = start is { } s ? string.Create(CultureInfo.InvariantCulture, $"{(at - s).TotalSeconds:+0.0;-0.0;0.0} s") : "";
            Row(c, x, [at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), since, what], PdfCanvas.Mono, PdfCanvas.Ink, shade: i++ % 2 == 0,
                height: 12);
        }
    }

    private static void ApprovalsAndCleanup(PdfCanvas c, JsonObject body)
    {
        c.Section("Approvals");
        var approvals = Objects(body["approvals"]).ToList();
        if (approvals.Count == 0)
        {
            c.Paragraph("No approval was requested for this drill.", PdfCanvas.Body);
        }

        foreach (var a in approvals)
        {
            c.Paragraph($"{Text(a["decision"]).ToUpperInvariant()} by {Text(a["decided_by"])} on {Utc(a["decided_at"])}" +
                (Text(a["comment"]) is { Length: > 0 } comment ? $": “{comment}”" : ""), PdfCanvas.Body);
        }

        c.Section("Cleanup proof");
        var cleanup = body["cleanup"];
        var deleted = Objects(cleanup?["deleted"]).ToList();
        c.Field("Torn down", Utc(cleanup?["torn_down_at"]));
        c.Field("Swept", Utc(cleanup?["swept_at"]));
        c.Field("Deleted", string.Create(CultureInfo.InvariantCulture, $"{deleted.Count} resource(s) created by the drill"));
        switch (cleanup?["leftovers"])
        {
            case JsonArray { Count: 0 }:
                c.Field("Leftovers", "None: the sweep of the cloud account by the drill's tag found no resource left.");
                break;
            case JsonArray left:
                c.Field("Leftovers", string.Create(CultureInfo.InvariantCulture, $"{left.Count} resource(s) still exist:"));
                foreach (var r in Objects(left).Take(ListedResources))
                {
                    c.Paragraph($"{Text(r["type"])}  {Text(r["id"])}  {Text(r["name"])}", PdfCanvas.Mono, PdfCanvas.Fail, indent: 130);
                }

                break;
            default:
                c.Field("Leftovers", "Unknown: the sweep did not run" + (Text(cleanup?["sweep_error"]) is { Length: > 0 } e ? $" ({e})." : "."));
                break;
        }

        if (deleted.Count > 0)
        {
            c.Y += 4;
            c.Paragraph(deleted.Count > ListedResources ? $"Deleted resources (first {ListedResources}; the manifest lists all):" : "Deleted resources:", PdfCanvas.SmallBold, PdfCanvas.Muted);
            foreach (var r in deleted.Take(ListedResources))
            {
                c.Paragraph($"{Text(r["type"])}  {Text(r["id"])}", PdfCanvas.Mono, PdfCanvas.Ink, indent: 6);
            }
        }
    }

    private static void Add(List<(DateTimeOffset, string)> events, JsonNode? at, string what)
    {
        if (At(at) is { } t)
        {
            events.Add((t, what));
        }
    }
}
