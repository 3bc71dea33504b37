using System.Text.Json.Nodes;
using Failkit.Drills;

namespace Failkit.Evidence.Bench;

/// <summary>A finished drill in memory, shaped like the drills benchmark's: VMs in waves, staggered waterfalls, two
/// probes, two request ids and one recovery point each, every deleted resource listed in the cleanup.</summary>
internal static class BenchDrill
{
    public static ReportFacts Facts(int vms, int waves)
    {
        var start = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        var list = Enumerable.Range(0, vms).Select(i =>
        {
            var wave = 1 + (i * waves / vms);
            var t0 = start.AddSeconds(((wave - 1) * 240) + (i % 11));
            return new DrillVm($"vm-{i + 1:D3}", wave, VmStatus.Green, [new ChosenPoint($"vm-{i + 1:D3}-os", Guid.NewGuid(), $"p-{i}", start.AddMinutes(-4), 11.5)],
                $"i-{i:x8}", $"10.0.{i / 250}.{(i % 250) + 1}", [$"req-{i}-run", $"req-{i}-vol"],
                new Waterfall(t0, t0.AddSeconds(20 + (i % 13)), t0.AddSeconds(45 + (i % 17)), t0.AddSeconds(90 + (i % 19)), t0.AddSeconds(130 + (i % 23))),
                [new ProbeResult("web", "Http", true, 1, "HTTP 200: healthy", t0.AddSeconds(130)), new ProbeResult("ssh", "Tcp", true, 2, "connected", t0.AddSeconds(129))],
                null);
        }).ToList();
        var end = list.Max(v => v.Waterfall.ProbesGreenAt!.Value).AddSeconds(60);
        var cleanup = new JsonObject
        {
            ["deleted"] = new JsonArray([.. list.SelectMany(v => new[] { v.InstanceId, v.InstanceId + "-vol" })
                .Select(id => (JsonNode)new JsonObject { ["type"] = "instance", ["id"] = id })]),
            ["failures"] = new JsonArray(),
            ["leftovers"] = new JsonArray(),
            ["tornDownAt"] = end.AddSeconds(-40),
            ["sweptAt"] = end.AddSeconds(-5),
        };
        var drill = new Drill(Guid.CreateVersion7(start), Guid.NewGuid(), DrillStatus.Succeeded, true, new DrillInitiator(DrillInitiator.User, "bench@example.com"),
            "drill-runbook", 1, null, false, 3600, 900, "wf", null, start, end, null, null, cleanup, new JsonObject(), list);
        return new ReportFacts(1, null, Guid.NewGuid(), end.AddSeconds(1), drill, "bench-group", [], new string('b', 64), Guid.NewGuid(), "SHA256:" + new string('c', 64));
    }
}
