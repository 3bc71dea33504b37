using System.Diagnostics;
using Failkit.Workflows.Runtime;
using Npgsql;

namespace Failkit.Workflows.Bench;

/// <summary>(e) the database ceiling: raw commits/s on the same cluster, durable throughput as a fraction of it, the
/// dispatch path (DispatchAsync, then worker loops draining the queue), and a sustained run through that path.</summary>
public static class CeilingSuite
{
    private const int CeilingClients = 2;

    public static async Task RunAsync(BenchOptions o, Report report, Durable durable)
    {
        if (durable.Cluster is not { } cluster)
        {
            report.Unavailable("e", "raw PostgreSQL commits/s", durable.ClusterProblem ?? "no cluster");
            return;
        }

        Progress.Say("(e) raw commit ceiling");
        var ceiling = await RawCommitsAsync(await cluster.CreateDatabaseAsync("bench_ceiling", CancellationToken.None), o.CeilingTime);
        report.Add("e", $"raw PostgreSQL commits/s ({CeilingClients} clients, 1-row INSERT + COMMIT, {o.CeilingTime.TotalSeconds:0} s)",
            $"{Fmt.N(ceiling)} commits/s");
        if (durable.EngineProblem is { } problem)
        {
            report.Unavailable("e", "durable inst/s as a fraction of the ceiling; dispatch path; sustained run", problem);
            return;
        }

        var source = "section a";
        if (report.DurableInstancesPerSecond is not { } direct)
        {
            source = "measured here";
            Progress.Say("(e) durable direct-start throughput (section a did not run)");
            await using var host = await durable.CreateHostAsync("bench_e_direct");
            direct = (await host.MeasureSequenceAsync(o.DurableCallers, o.DurableInstances, o.MaxLoopTime)).PerSecond;
        }

        report.Add("e", $"durable direct-start inst/s ({source}) as a fraction of the raw ceiling",
            $"{Fmt.N(direct)} / {Fmt.N(ceiling)} = {direct / ceiling * 100:0.0}% (ceiling / rate = {ceiling / direct:0.0} commits' worth per instance)");

        Progress.Say("(e) dispatch path");
        await using (var host = await durable.CreateHostAsync("bench_e_dispatch"))
        {
            var dispatched = await ClosedLoop.RunAsync(o.DurableCallers, o.DispatchInstances, TimeSpan.FromMinutes(5), async () =>
                await host.Runtime.DispatchAsync(Definitions.SequenceId, new StartRequest(), CancellationToken.None));
            var sw = Stopwatch.StartNew();
            var drained = await DrainAsync(host.Runtime, o.DurableCallers);
            sw.Stop();
            report.Add("e", $"dispatch path: DispatchAsync ({o.DurableCallers} callers), then {o.DurableCallers} worker loops drain",
                $"{Fmt.N(dispatched.PerSecond)} dispatches/s; drain {Fmt.N(drained / sw.Elapsed.TotalSeconds)} inst/s ({Fmt.N(drained)} items)");
        }

        Progress.Say($"(e) sustained dispatch path for {o.SustainSeconds} s");
        await using var sustained = await durable.CreateHostAsync("bench_e_sustained");
        await SustainedRun.RunAsync(o, report, sustained);
    }

    /// <summary>Worker loops as WorkflowWorker runs them, stopping when the queue is empty; returns the items processed.</summary>
    private static async Task<int> DrainAsync(WorkflowRuntime runtime, int loops)
    {
        var processed = 0;
        await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(async () =>
        {
            while (await runtime.ProcessNextAsync(CancellationToken.None))
            {
                Interlocked.Increment(ref processed);
            }
        })));
        return processed;
    }

    private static async Task<double> RawCommitsAsync(string connectionString, TimeSpan duration)
    {
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await DurableCluster.Exec(conn, "CREATE TABLE commit_probe (id bigserial PRIMARY KEY, client int NOT NULL, at timestamptz NOT NULL DEFAULT now())", default);
        }

        var commits = 0L;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, CeilingClients).Select(client => Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("INSERT INTO commit_probe (client) VALUES ($1)", conn);
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = client });
            await cmd.PrepareAsync();
            while (sw.Elapsed < duration)
            {
                await using var tx = await conn.BeginTransactionAsync();
                cmd.Transaction = tx;
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Increment(ref commits);
            }
        })));
        return commits / sw.Elapsed.TotalSeconds;
    }
}
