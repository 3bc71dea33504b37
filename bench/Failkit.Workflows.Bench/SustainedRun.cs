using System.Diagnostics;
using Failkit.Workflows.Runtime;

namespace Failkit.Workflows.Bench;

/// <summary>A long durable run through the dispatch path: producers keep a bounded backlog queued with DispatchAsync
/// while worker loops (as WorkflowWorker runs them) drain it. Completions are counted per interval, so a queue or
/// table that bloats shows up as decay from the first interval to the last.</summary>
public static class SustainedRun
{
    private const int Producers = 2;
    private const int Backlog = 400;

    public static async Task RunAsync(BenchOptions o, Report report, OurHost host)
    {
        var duration = TimeSpan.FromSeconds(o.SustainSeconds);
        var bucket = o.SustainSeconds >= 120 ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(Math.Max(5, o.SustainSeconds / 3));
        var buckets = new long[(int)Math.Ceiling(duration / bucket)];
        long dispatched = 0, processed = 0, dispatchFailures = 0, workerFailures = 0;
        string? firstFailure = null;

        void Failed(ref long counter, string where, Exception ex)
        {
            // Counted and reported rather than fatal: WorkflowWorker, too, logs a failed item and carries on.
            Interlocked.Increment(ref counter);
            Interlocked.CompareExchange(ref firstFailure, $"{where}: {ex.GetType().Name}: {ex.Message}", null);
        }

        var idle = TimeSpan.FromMilliseconds(100);
        var sw = Stopwatch.StartNew();

        async Task Produce()
        {
            while (sw.Elapsed < duration)
            {
                if (Interlocked.Read(ref dispatched) - Interlocked.Read(ref processed) >= Backlog)
                {
                    await Task.Delay(1);
                    continue;
                }

                Interlocked.Increment(ref dispatched);
                try
                {
                    await host.Runtime.DispatchAsync(Definitions.SequenceId, new StartRequest(), CancellationToken.None);
                }
                catch (Exception ex)
                {
                    Failed(ref dispatchFailures, "DispatchAsync", ex);
                }
            }
        }

        async Task Work()
        {
            while (sw.Elapsed < duration)
            {
                bool found;
                try
                {
                    found = await host.Runtime.ProcessNextAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    Failed(ref workerFailures, "ProcessNextAsync", ex);
                    await Task.Delay(idle * 5);
                    continue;
                }

                if (found)
                {
                    var at = sw.Elapsed;
                    Interlocked.Increment(ref processed);
                    if (at < duration)
                    {
                        Interlocked.Increment(ref buckets[(int)(at / bucket)]);
                    }
                }
                else
                {
                    await Task.Delay(idle);
                }
            }
        }

        var tasks = Enumerable.Range(0, Producers).Select(_ => Task.Run(Produce))
            .Concat(Enumerable.Range(0, o.DurableCallers).Select(_ => Task.Run(Work)));
        using (var ticker = new Timer(_ => Progress.Say($"    {sw.Elapsed.TotalSeconds:0} s: {Interlocked.Read(ref processed):N0} done"), null, bucket, bucket))
        {
            await Task.WhenAll(tasks);
        }

        var rates = buckets.Select((n, i) => n / Math.Min(bucket.TotalSeconds, duration.TotalSeconds - i * bucket.TotalSeconds)).ToList();
        var mean = buckets.Sum() / duration.TotalSeconds;
        var decay = 1 - rates[^1] / rates[0];
        var per = bucket == TimeSpan.FromMinutes(1) ? "per minute" : $"per {bucket.TotalSeconds:0} s";
        var what = $"sustained dispatch path, {o.SustainSeconds} s ({Producers} producers, {o.DurableCallers} worker loops)";
        report.Add("e", what + ": mean", $"{Fmt.N(mean)} inst/s = {Fmt.N(mean * Definitions.SequenceLength)} act/s", "≥500 inst/s", mean >= 500);
        report.Add("e", what + ": " + per, string.Join(", ", rates.Select(r => Fmt.N(r))) + " inst/s");
        report.Add("e", $"sustained decay, first → last {(per == "per minute" ? "minute" : "interval")}",
            $"{Fmt.Pct(-decay)}", "<20% decay over 5 min", decay < 0.20);
        if (dispatchFailures + workerFailures > 0)
        {
            report.Add("e", what + ": calls that threw",
                $"DispatchAsync {Fmt.N(dispatchFailures)} of {Fmt.N(dispatched)}, ProcessNextAsync {Fmt.N(workerFailures)}; first: {firstFailure}", "none", false);
        }

        report.Note($"after the sustained run, most dead tuples: {await host.DeadTuplesAsync()}");
    }
}
