namespace Failkit.Workflows.Bench;

/// <summary>(a) throughput of the 20-activity sequence against WorkflowCore, and (b) the same with history stored.</summary>
public static class ThroughputSuite
{
    private const string ActTarget = "≥100,000 act/s";

    public static async Task RunPeerAsync(BenchOptions o, Report report, Durable durable)
    {
        var n = Definitions.SequenceLength;
        var label = $"({o.MemoryCallers} callers, {Fmt.N(o.OursInstances)} inst)";
        Progress.Say("(a) ours in-memory, journal off");
        var off = await MeasureMemoryAsync(o, journal: false);
        report.Add("a", "ours in-memory, journal off " + label, Throughput(off, n), ActTarget, off.PerSecond * n >= 100_000);
        Progress.Say("(a) ours in-memory, journal on");
        var on = await MeasureMemoryAsync(o, journal: true);
        report.Add("a", "ours in-memory, journal on " + label, Throughput(on, n), ActTarget, on.PerSecond * n >= 100_000);

        var durableLabel = $"ours PostgreSQL, journal on ({o.DurableCallers} callers)";
        LoopResult? pg = null;
        if (durable.EngineProblem is { } problem)
        {
            report.Unavailable("a", durableLabel, problem, "≥500 inst/s");
        }
        else
        {
            Progress.Say("(a) ours on PostgreSQL, journal on");
            await using var host = await durable.CreateHostAsync("bench_a");
            pg = await host.MeasureSequenceAsync(o.DurableCallers, o.DurableInstances, o.MaxLoopTime);
            report.DurableInstancesPerSecond = pg.PerSecond;
            report.Add("a", $"{durableLabel}, {Fmt.N(pg.Completed)} inst", Throughput(pg, n), "≥500 inst/s", pg.PerSecond >= 500);
        }

        Progress.Say("(a) WorkflowCore, default store");
        var wc = await WorkflowCoreBench.RunAsync(o, stored: 0);
        var wcLabel = $"({o.WorkflowCoreInFlight} in flight, {o.WorkflowCoreWarmup} warm-up + {Fmt.N(wc.Completed)} inst)";
        report.Add("a", "WorkflowCore 3.22.0, default in-memory store " + wcLabel, Throughput(wc, n));
        Progress.Say($"(a) WorkflowCore, {o.WorkflowCoreStored:N0} stored");
        var wcStored = await WorkflowCoreBench.RunAsync(o, stored: o.WorkflowCoreStored);
        report.Add("a", $"WorkflowCore 3.22.0, {Fmt.N(o.WorkflowCoreStored)} instances already stored " + wcLabel, Throughput(wcStored, n));

        Ratio(report, "ours in-memory journal off / WorkflowCore default store", off, wc, target: true);
        Ratio(report, "ours in-memory journal on / WorkflowCore default store", on, wc, target: true);
        Ratio(report, $"ours in-memory journal on / WorkflowCore {Fmt.N(o.WorkflowCoreStored)} stored", on, wcStored, target: false);
        if (pg is not null)
        {
            Ratio(report, "ours PostgreSQL / WorkflowCore default store (in-memory!)", pg, wc, target: false);
        }
    }

    public static async Task RunHistoryAsync(BenchOptions o, Report report, Durable durable)
    {
        var what = $"empty → {Fmt.N(o.History)} finished instances stored";
        Progress.Say("(b) ours in-memory with history");
        await using (var host = await OurHost.CreateAsync(journal: true, connectionString: null))
        {
            await HistoryRowAsync(o, report, host, $"ours in-memory, journal on: {what} ({o.MemoryCallers} callers)", o.MemoryCallers, o.OursInstances);
        }

        var durableWhat = $"ours PostgreSQL, journal on: {what} ({o.DurableCallers} callers)";
        if (durable.EngineProblem is { } problem)
        {
            report.Unavailable("b", durableWhat, problem, "≤10% slower");
            return;
        }

        Progress.Say("(b) ours on PostgreSQL with history");
        await using var pg = await durable.CreateHostAsync("bench_b");
        await HistoryRowAsync(o, report, pg, durableWhat, o.DurableCallers, o.DurableInstances);
    }

    private static async Task HistoryRowAsync(BenchOptions o, Report report, OurHost host, string what, int callers, int count)
    {
        var empty = await host.MeasureSequenceAsync(callers, count, o.MaxLoopTime);
        var seed = await History.SeedAsync(host, o.History, host.Durable ? o.DurableCallers : o.MemoryCallers);
        Progress.Say($"    seeded {seed.Completed:N0} finished instances at {seed.PerSecond:N0}/s");
        if (host.Durable)
        {
            // A store that grew over days would have been analyzed by autovacuum; a bulk seed has not been yet.
            await host.AnalyzeAsync();
        }

        var full = await host.MeasureSequenceAsync(callers, count, o.MaxLoopTime);
        var change = full.PerSecond / empty.PerSecond - 1;
        report.Add("b", what,
            $"{Fmt.N(empty.PerSecond)} → {Fmt.N(full.PerSecond)} inst/s ({Fmt.Pct(change)}); CPU {Fmt.N(empty.CpuMicrosecondsPerItem)} → " +
            $"{Fmt.N(full.CpuMicrosecondsPerItem)} µs/inst; GC pause {empty.GcPauseShare * 100:0.0}% → {full.GcPauseShare * 100:0.0}% of wall time, " +
            $"gen2 GCs {empty.Gen2Collections} → {full.Gen2Collections}" +
            (empty.Detail is null ? "" : $"; {empty.Detail} → {full.Detail}"),
            "≤10% slower", change >= -0.10);
    }

    private static async Task<LoopResult> MeasureMemoryAsync(BenchOptions o, bool journal)
    {
        await using var host = await OurHost.CreateAsync(journal, connectionString: null);
        return await host.MeasureSequenceAsync(o.MemoryCallers, o.OursInstances, o.MaxLoopTime);
    }

    private static string Throughput(LoopResult r, int activities) =>
        $"{Fmt.N(r.PerSecond)} inst/s = {Fmt.N(r.PerSecond * activities)} act/s; {Fmt.Bytes(r.AllocatedPerItem / activities)} alloc/act, " +
        $"{Fmt.N(r.CpuMicrosecondsPerItem)} µs CPU/inst" +
        (r.Detail is null ? "" : "; " + r.Detail);

    private static void Ratio(Report report, string what, LoopResult ours, LoopResult peer, bool target)
    {
        var ratio = ours.PerSecond / peer.PerSecond;
        report.Add("a", "ratio " + what, Fmt.Ratio(ratio), target ? "≥2×" : "", target ? ratio >= 2 : null);
    }
}
