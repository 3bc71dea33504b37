using System.Collections.Concurrent;
using System.Diagnostics;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Activities;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Bench;

/// <summary>(c) start-to-first-activity and bookmark-resume latency, one request at a time.</summary>
public static class LatencySuite
{
    public static async Task RunAsync(BenchOptions o, Report report, Durable durable)
    {
        Progress.Say("(c) latency in memory");
        await using (var host = await OurHost.CreateAsync(journal: true, connectionString: null, probe: true))
        {
            await MeasureAsync(o, report, host, "in-memory", o.LatencySamples);
        }

        if (durable.EngineProblem is { } problem)
        {
            report.Unavailable("c", "start→first activity p50, PostgreSQL", problem, "≤5 ms");
            report.Unavailable("c", $"resume p50/p99, PostgreSQL, {Fmt.N(o.Waiting)} waiting on Elsa.Event", problem, "p99 <20 ms");
            return;
        }

        Progress.Say("(c) latency on PostgreSQL");
        await using var pg = await durable.CreateHostAsync("bench_c", probe: true);
        await MeasureAsync(o, report, pg, "PostgreSQL", o.DurableLatencySamples);
    }

    private static async Task MeasureAsync(BenchOptions o, Report report, OurHost host, string store, int samples)
    {
        var probe = host.Services.GetRequiredService<NoopProbe>();
        for (var i = 0; i < 100; i++)
        {
            await host.RunSequenceAsync();
        }

        var first = await ClosedLoop.SampleAsync(samples, async () =>
        {
            probe.Arm();
            var t0 = Stopwatch.GetTimestamp();
            await host.RunSequenceAsync();
            return probe.FirstHit - t0;
        });
        report.Add("c", $"start→first activity p50, {store} ({Fmt.N(samples)} single starts)",
            $"p50 {Fmt.Ms(first.P50)} (p99 {Fmt.Ms(first.P99)})", "p50 ≤5 ms", first.P50 <= 5);

        var waiting = await StartWaitingAsync(host, o.Waiting + 2 * o.Resumes, host.Durable ? o.DurableCallers : o.MemoryCallers);
        var next = 0;
        var resume = await ClosedLoop.SampleAsync(o.Resumes, async () =>
        {
            var (id, bookmark, _) = waiting[next++];
            var t0 = Stopwatch.GetTimestamp();
            var run = await host.Runtime.ResumeAsync(id, bookmark, "payload", CancellationToken.None);
            var elapsed = Stopwatch.GetTimestamp() - t0;
            if (run.SubStatus != WorkflowSubStatus.Finished)
            {
                throw new InvalidOperationException($"Resumed instance {id} ended {run.SubStatus}: {run.State.Fault}");
            }

            return elapsed;
        });
        report.Add("c", $"resume p50/p99 (ResumeAsync), {store}, ≥{Fmt.N(o.Waiting)} waiting on Elsa.Event ({Fmt.N(o.Resumes)} resumes)",
            $"p50 {Fmt.Ms(resume.P50)}, p99 {Fmt.Ms(resume.P99)} (max {Fmt.Ms(resume.Max)})", "p99 <20 ms", resume.P99 < 20);

        // The route an HTTP event trigger takes: look the bookmark up by event name and correlation id, then resume.
        var started = 0;
        var byEvent = await ClosedLoop.SampleAsync(o.Resumes, async () =>
        {
            var (id, _, correlation) = waiting[next++];
            var t0 = Stopwatch.GetTimestamp();
            var result = await host.Runtime.PublishEventAsync(Definitions.EventName, correlation, "payload", CancellationToken.None);
            var elapsed = Stopwatch.GetTimestamp() - t0;
            if (result.Resumed.Count != 1 || result.Resumed[0] != id)
            {
                throw new InvalidOperationException($"Event for {correlation} resumed [{string.Join(", ", result.Resumed)}], expected {id}.");
            }

            started += result.Started.Count;
            return elapsed;
        });
        report.Add("c", $"resume by event name + correlation id (PublishEventAsync), {store}, ≥{Fmt.N(o.Waiting)} waiting",
            $"p50 {Fmt.Ms(byEvent.P50)}, p99 {Fmt.Ms(byEvent.P99)}; the {Fmt.N(o.Resumes)} events also started {Fmt.N(started)} new instances");

        // The parts of those two paths, timed alone, so a slow row can be pinned on a call.
        var graphs = host.Services.GetRequiredService<WorkflowGraphCache>();
        var definitions = host.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var versionId = (await host.StartAsync(Definitions.SequenceId)).State.DefinitionVersionId;
        var correlationOfWaiting = waiting[^1].Correlation;
        var load = await TimeAsync(o.Resumes, () => graphs.GetByVersionIdAsync(versionId, CancellationToken.None));
        var lookup = await TimeAsync(o.Resumes, () =>
            host.Instances.FindBookmarksAsync(Event.BookmarkName, Definitions.EventName, correlationOfWaiting, CancellationToken.None));
        var list = await TimeAsync(o.Resumes, () => definitions.ListAsync(VersionOptions.Published, null, CancellationToken.None));
        report.Add("c", $"parts, {store}: definition load per burst / bookmark lookup by event+correlation / published-definition list",
            $"p50 {Fmt.Ms(load.P50)} / {Fmt.Ms(lookup.P50)} / {Fmt.Ms(list.P50)} (p99 {Fmt.Ms(load.P99)} / {Fmt.Ms(lookup.P99)} / {Fmt.Ms(list.P99)})");
    }

    private static Task<Percentiles> TimeAsync<T>(int samples, Func<Task<T>> call) =>
        ClosedLoop.SampleAsync(samples, async () =>
        {
            var t0 = Stopwatch.GetTimestamp();
            _ = await call();
            return Stopwatch.GetTimestamp() - t0;
        });

    /// <summary>Starts instances that stop on an Elsa.Event bookmark; returns them in random order.</summary>
    private static async Task<List<(string Id, string Bookmark, string Correlation)>> StartWaitingAsync(OurHost host, int count, int callers)
    {
        var waiting = new ConcurrentBag<(string, string, string)>();
        await ClosedLoop.RunAsync(callers, count, TimeSpan.FromHours(1), async () =>
        {
            var correlation = Guid.NewGuid().ToString("N");
            var run = await host.StartAsync(Definitions.WaitId, correlation);
            if (run.SubStatus != WorkflowSubStatus.Suspended || run.Bookmarks.Count != 1)
            {
                throw new InvalidOperationException($"Instance {run.InstanceId} should wait on one bookmark but is {run.SubStatus}.");
            }

            waiting.Add((run.InstanceId, run.Bookmarks[0].Id, correlation));
        });
        return [.. waiting.OrderBy(_ => Random.Shared.Next())];
    }
}
