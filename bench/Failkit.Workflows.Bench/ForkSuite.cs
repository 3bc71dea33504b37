using System.Diagnostics;
using Failkit.Workflows.Core;

namespace Failkit.Workflows.Bench;

/// <summary>(d) one Elsa.Fork with 500 Noop branches: wall time, and memory sampled every millisecond while it runs.</summary>
public static class ForkSuite
{
    private const int Runs = 5;

    public static async Task RunAsync(BenchOptions o, Report report, Durable durable)
    {
        Progress.Say("(d) fork in memory");
        var wide = o.ForkBranches * 4;
        await using (var host = await OurHost.CreateAsync(journal: true, connectionString: null, forkBranches: [o.ForkBranches, wide]))
        {
            var narrow = await MeasureAsync(report, host, o.ForkBranches, "in-memory");
            var four = await MeasureAsync(report, host, wide, "in-memory");
            report.Add("d", $"Fork scaling, in-memory: {Fmt.N(o.ForkBranches)} → {Fmt.N(wide)} branches",
                $"time ×{four / narrow:0.0} (×4 would be linear, ×16 quadratic)");
        }

        var what = $"Fork {Fmt.N(o.ForkBranches)} branches, PostgreSQL";
        if (durable.EngineProblem is { } problem)
        {
            report.Unavailable("d", what, problem);
            return;
        }

        Progress.Say("(d) fork on PostgreSQL");
        await using var pg = await durable.CreateHostAsync("bench_d");
        await MeasureAsync(report, pg, o.ForkBranches, "PostgreSQL");
    }

    /// <summary>Adds the row and returns the median time in milliseconds.</summary>
    private static async Task<double> MeasureAsync(Report report, OurHost host, int branches, string store)
    {
        await RunOnceAsync(host, branches);
        var times = new List<double>();
        var managed = new List<long>();
        var workingSet = new List<long>();
        var allocated = new List<long>();
        for (var i = 0; i < Runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var managed0 = GC.GetTotalMemory(forceFullCollection: false);
            var ws0 = Environment.WorkingSet;
            var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            using var sampler = new MemorySampler();
            var sw = Stopwatch.StartNew();
            await RunOnceAsync(host, branches);
            sw.Stop();
            sampler.Stop();
            times.Add(sw.Elapsed.TotalMilliseconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - alloc0);
            managed.Add(sampler.PeakManaged - managed0);
            workingSet.Add(sampler.PeakWorkingSet - ws0);
        }

        report.Add("d", $"Fork {Fmt.N(branches)} branches (Noop each), {store}: median of {Runs} runs",
            $"{Fmt.Ms(Median(times))}; peak managed heap +{Fmt.Bytes(Median(managed))}, " +
            $"peak working set +{Fmt.Bytes(Math.Max(0, Median(workingSet)))}; {Fmt.Bytes(Median(allocated))} allocated");
        return Median(times);
    }

    private static async Task RunOnceAsync(OurHost host, int branches)
    {
        var run = await host.StartAsync(Definitions.ForkId(branches));
        if (run.SubStatus != WorkflowSubStatus.Finished)
        {
            throw new InvalidOperationException($"Fork instance {run.InstanceId} ended {run.SubStatus}: {run.State.Fault}");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Polls the managed heap size and the working set on a thread of its own.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public MemorySampler()
        {
            PeakManaged = GC.GetTotalMemory(false);
            PeakWorkingSet = Environment.WorkingSet;
            _thread = new Thread(Loop) { IsBackground = true, Name = "memory sampler" };
            _thread.Start();
        }

        public long PeakManaged { get; private set; }

        public long PeakWorkingSet { get; private set; }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
            Sample();
        }

        public void Dispose() => Stop();

        private void Loop()
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(1);
            }
        }

        private void Sample()
        {
            PeakManaged = Math.Max(PeakManaged, GC.GetTotalMemory(false));
            PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
        }
    }
}
