using System.Text.Json.Nodes;
using Failkit.Drills;

namespace Failkit.Evidence.Tests.Fixtures;

/// <summary>A finished drill held in memory, for rendering tests that need no database: <c>vms</c> VMs over
/// <c>waves</c> waves with staggered waterfalls, two probes each, and every fifth VM of a large drill late.</summary>
public static class SyntheticDrill
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    public static Drill Make(int vms, int waves, bool simulated, string status = DrillStatus.Succeeded, string probeOutput = "HTTP 200: healthy")
    {
        var list = Enumerable.Range(0, vms).Select(i =>
        {
            var wave = 1 + (i * waves / vms);
            var t0 = Start.AddSeconds(((wave - 1) * 240) + (i % 7));
            var slow = vms > 50 && i % 5 == 0 ? 2.5 : 1;
            return new DrillVm($"vm-{i + 1:D3}", wave, VmStatus.Green,
                [new ChosenPoint($"vm-{i + 1:D3}-os", Guid.NewGuid(), $"p-{i}", Start.AddMinutes(-4), 11.5)],
                $"i-{i:x8}", $"10.0.{i / 250}.{(i % 250) + 1}", [$"req-{i}-a", $"req-{i}-b"],
                new Waterfall(t0, t0.AddSeconds(20 * slow), t0.AddSeconds(45 * slow), t0.AddSeconds(90 * slow), t0.AddSeconds(130 * slow)),
                [new ProbeResult("web", "Http", true, 1, probeOutput, t0.AddSeconds(130 * slow)), new ProbeResult("ssh", "Tcp", true, 2, "connected", t0.AddSeconds(129 * slow))],
                null);
        }).ToList();
        var end = list.Max(v => v.Waterfall.ProbesGreenAt!.Value).AddSeconds(60);
        var cleanup = new JsonObject
        {
            ["deleted"] = new JsonArray([.. list.Take(60).Select(v => (JsonNode)new JsonObject { ["type"] = "instance", ["id"] = v.InstanceId })]),
            ["failures"] = new JsonArray(),
            ["leftovers"] = new JsonArray(),
            ["tornDownAt"] = end.AddSeconds(-40),
            ["sweptAt"] = end.AddSeconds(-5),
        };
        return new Drill(Guid.CreateVersion7(Start), Guid.NewGuid(), status, simulated, new DrillInitiator(DrillInitiator.User, "dr-lead@bank.example"),
            "drill-runbook", 3, null, true, 1800, 900, "wf", null, Start, end, null, null, cleanup, new JsonObject { ["verdict"] = status }, list);
    }

    public static ReportFacts Facts(Drill drill, long number = 42) => new(number, new string('a', 64), Guid.Parse("0b6f7a52-4f1e-4a51-9a43-5e0c1f2a3b4c"),
        drill.FinishedAt!.Value.AddSeconds(2), drill, "core-banking", [new Approval(Guid.NewGuid(), "approved", "user:cab@bank.example", "CAB-1182", Start.AddSeconds(-60))],
        new string('b', 64), Guid.Parse("01937a1e-0000-7000-8000-000000000001"), "SHA256:" + new string('c', 64));
}
