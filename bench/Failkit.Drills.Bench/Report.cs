using System.Globalization;
using System.Text.Json.Nodes;
using Failkit.Activities.Sim;

namespace Failkit.Drills.Bench;

/// <summary>The table: wall time against the issue's floor and the strict lower bound, where the gap went (measured
/// from the drill's and the sim's timestamps), CPU per VM and peak memory. Markdown on standard output.</summary>
public sealed record Report(BenchOptions Options, SimFloorResult Floor, Timeline Timeline, DateTimeOffset Posted, double HarnessWallSeconds, Usage Used, long PeakBytes,
    bool PeakReset, JsonObject Drill, string[] LoadAtStart, string[] LoadAtEnd)
{
    public static void Print(Report r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        void Line(string text = "") => output.WriteLine(text);
        void Row(string measure, string value) => Line($"| {measure} | {value} |");
        var o = r.Options;
        var t = r.Timeline;
        var floor = r.Floor.RealSeconds;
        var bound = r.Floor.LowerBoundRealSeconds;
        var wavesSum = t.Waves.Sum(w => w.Seconds);
        Line($"# Drills benchmark: {o.Vms} VMs on Sim, {o.Waves} waves");
        Line();
        Line($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; " +
            $"load average (1/5/15 min) {string.Join(' ', r.LoadAtStart)} at the start, {string.Join(' ', r.LoadAtEnd)} at the end.");
        Line($"Sim: seed {o.Seed}, time scale {Num(o.TimeScale, "0.###")} (real s per simulated s), RunInstances {Num(o.RunInstancesPerSecond, "0.##")}/s burst 1, " +
            "every other operation unlimited, default latencies (hydrate lognormal median 60 p95 180, boot lognormal median 45 p95 120, app-ready uniform 10–30 s simulated).");
        Line($"Plane: Failkit:Drills:PollInterval {o.PollInterval.TotalMilliseconds:0} ms, Failkit:Workers {o.Workers}, PostgreSQL fsync {(o.Fsync ? "on" : "off")}, " +
            $"{(o.WarmUp ? "after a 20-VM warm-up drill" : "no warm-up")}.");
        Line();
        Line("| measure | value |");
        Line("|---|---|");
        // The plane runs in this process, so the harness's clock and the drill's timestamps are the same clock.
        var wall = (t.Finished - r.Posted).TotalSeconds;
        Row("**Failkit wall time** (POST /api/drills sent → drill finished)", $"**{wall:F2} s**");
        Row("of which the POST (checks, then the drill and its VMs recorded)", $"{(t.Requested - r.Posted).TotalSeconds:F2} s");
        Row("harness wall time (POST → Succeeded seen, polling every 250 ms)", $"{r.HarnessWallSeconds:F2} s");
        Row("floor (issue: Σ waves slowest VM + (n−1)/rate)", $"{floor:F2} s ({r.Floor.SimulatedSeconds:F0} s simulated)");
        Row("strict lower bound (SimFloor.LowerBoundSeconds)", $"{bound:F2} s ({r.Floor.LowerBoundSeconds:F0} s simulated)");
        Row("**ratio wall / floor** (target ≤ 1.10)", $"**{wall / floor:F3}** {(wall / floor <= 1.10 ? "PASS" : "MISS")}");
        Row("ratio wall / lower bound", $"{wall / bound:F3}");
        Row("waves only (Σ first request → last probe green)", $"{wavesSum:F2} s, {wavesSum / floor:F3}× the floor");
        Row("before the first wave (points, approval gate, wave list)", $"{t.BeforeSeconds:F2} s");
        Row("between waves (Σ last green → next wave's first request)", $"{t.BetweenSeconds:F2} s");
        Row("after the last wave (RTO, RPO, cleanup, sweep, compile)", $"{t.AfterSeconds:F2} s");
        Row("in the waves: start → sim ready (Σ; hydrate, bucket, boot, app-ready)", $"{t.Waves.Sum(w => w.ToReadySeconds):F2} s");
        Row("in the waves: sim ready → seen green (Σ; polling, timers, DB)", $"{t.Waves.Sum(w => w.NoticeSeconds):F2} s ({t.Waves.Average(w => w.NoticeSeconds) * 1000:F0} ms a wave)");
        Row("CPU per VM, Failkit process (plane + harness)", $"{r.Used.ProcessCpu.TotalMilliseconds / o.Vms:F1} ms ({r.Used.ProcessCpu.TotalSeconds:F1} s total)");
        Row("CPU per VM, PostgreSQL", $"{r.Used.PostgresCpu.TotalMilliseconds / o.Vms:F1} ms ({r.Used.PostgresCpu.TotalSeconds:F1} s total)");
        Row($"peak working set (VmHWM{(r.PeakReset ? ", reset before the drill" : ", since process start")})", $"{r.PeakBytes / 1048576.0:F0} MiB");
        Row("cleanup leftovers", $"{r.Drill["cleanup"]?["leftovers"]?.AsArray().Count.ToString(CultureInfo.InvariantCulture) ?? "not swept"}");
        Line();
        Line("| wave | VMs | floor s | wave s | start → ready s | ready → green s | max launch wait s | gap to next s |");
        Line("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < t.Waves.Count; i++)
        {
            var w = t.Waves[i];
            var gap = i + 1 < t.Waves.Count ? $"{(t.Waves[i + 1].Start - w.End).TotalSeconds:F2}" : "";
            Line($"| {w.Wave} | {w.Vms} | {w.FloorSeconds:F2} | {w.Seconds:F2} | {w.ToReadySeconds:F2} | {w.NoticeSeconds:F2} | {w.MaxLaunchWaitSeconds:F2} | {gap} |");
        }

        Line();
        Line("Max launch wait: the longest any VM of the wave waited between its disk being ready (in the sim) and its launch " +
            "(the RunInstances bucket plus the drill's own work between hydrate and launch).");
    }

    private static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
