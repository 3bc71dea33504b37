using System.Diagnostics;

namespace Failkit.Workflows.Bench;

/// <summary>What a closed-loop run achieved.</summary>
public sealed record LoopResult(int Completed, TimeSpan Elapsed, long AllocatedBytes, TimeSpan Cpu, TimeSpan GcPause, int Gen2Collections)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;

    /// <summary>Process CPU time per item: less sensitive than wall time to other load on the machine.</summary>
    public double CpuMicrosecondsPerItem => Completed == 0 ? 0 : Cpu.TotalMicroseconds / Completed;

    /// <summary>The share of wall time the runtime spent with threads paused for garbage collection.</summary>
    public double GcPauseShare => GcPause / Elapsed;

    public double AllocatedPerItem => Completed == 0 ? 0 : (double)AllocatedBytes / Completed;

    /// <summary>Database cost per item, for runs on PostgreSQL.</summary>
    public string? Detail { get; init; }
}

/// <summary>Closed loops (each caller starts its next item when the previous one finished) and latency samples.</summary>
public static class ClosedLoop
{
    /// <summary>Runs <paramref name="body"/> <paramref name="count"/> times from <paramref name="callers"/> concurrent
    /// loops, or until <paramref name="maxTime"/> has passed, whichever comes first.</summary>
    public static async Task<LoopResult> RunAsync(int callers, int count, TimeSpan maxTime, Func<Task> body)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var next = 0;
        var done = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        var sw = Stopwatch.StartNew();

        async Task Loop()
        {
            while (Interlocked.Increment(ref next) <= count && sw.Elapsed < maxTime)
            {
                await body();
                Interlocked.Increment(ref done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(Loop)));
        sw.Stop();
        return new LoopResult(done, sw.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated,
            Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalPauseDuration() - pause, GC.CollectionCount(2) - gen2);
    }

    /// <summary>Takes latency samples one at a time; <paramref name="one"/> returns its own measurement in Stopwatch ticks.</summary>
    public static async Task<Percentiles> SampleAsync(int samples, Func<Task<long>> one)
    {
        var ticks = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            ticks[i] = await one();
        }

        return Percentiles.Of(ticks);
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record Percentiles(double P50, double P99, double Max, int Count)
{
    public static Percentiles Of(long[] stopwatchTicks)
    {
        var ms = stopwatchTicks.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new Percentiles(At(ms, 0.50), At(ms, 0.99), ms[^1], ms.Length);
    }

    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
