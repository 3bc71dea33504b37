using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Failkit.Workflows.Bench;

/// <summary>Our engine, registered as production does (<c>AddFailkitWorkflows</c>) with the background worker off,
/// on in-memory stores or on PostgreSQL, with the benchmark workflows published.</summary>
public sealed class OurHost : IAsyncDisposable
{
    private readonly string? _connectionString;

    private OurHost(ServiceProvider services, string? connectionString)
    {
        Services = services;
        _connectionString = connectionString;
        Runtime = services.GetRequiredService<WorkflowRuntime>();
        Instances = services.GetRequiredService<IWorkflowInstanceStore>();
    }

    public ServiceProvider Services { get; }

    public bool Durable => _connectionString is not null;

    public WorkflowRuntime Runtime { get; }

    public IWorkflowInstanceStore Instances { get; }

    /// <summary>A host on in-memory stores, or on PostgreSQL when <paramref name="connectionString"/> is given.</summary>
    public static async Task<OurHost> CreateAsync(bool journal, string? connectionString, bool probe = false, int[]? forkBranches = null)
    {
        var sc = new ServiceCollection();
        if (probe)
        {
            sc.AddSingleton<NoopProbe>();
        }

        if (connectionString is not null)
        {
            PostgresStores.Add(sc, connectionString);
        }

        sc.AddFailkitWorkflows(b =>
        {
            b.RunWorker = false;
            b.AddActivitiesFrom(typeof(Noop).Assembly);
            b.Options.Journal = journal;
        });
        var sp = sc.BuildServiceProvider();
        var host = new OurHost(sp, connectionString);
        await PostgresStores.InitializeAsync(sp, CancellationToken.None);
        var definitions = sp.GetRequiredService<WorkflowDefinitionService>();
        var forks = forkBranches ?? [500];
        foreach (var json in forks.Select(Definitions.Fork).Prepend(Definitions.WaitForEvent()).Prepend(Definitions.Sequence20()))
        {
            var model = JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;
            await definitions.SaveAsync(model, publish: true, CancellationToken.None);
        }

        return host;
    }

    /// <summary>Starts an instance and runs it in the caller until it finishes or waits.</summary>
    public Task<RunResult> StartAsync(string definitionId, string? correlationId = null) =>
        Runtime.StartAsync(definitionId, new StartRequest { CorrelationId = correlationId }, CancellationToken.None);

    /// <summary>Starts the 20-activity sequence and fails loudly unless it finished.</summary>
    public async Task RunSequenceAsync()
    {
        var run = await StartAsync(Definitions.SequenceId);
        if (run.SubStatus != WorkflowSubStatus.Finished)
        {
            throw new InvalidOperationException($"Instance {run.InstanceId} ended {run.Status}/{run.SubStatus}: {run.State.Fault}");
        }
    }

    /// <summary>Warm-up, then a closed loop of the 20-activity sequence; on PostgreSQL with WAL and xids per instance.</summary>
    public async Task<LoopResult> MeasureSequenceAsync(int callers, int count, TimeSpan maxTime)
    {
        // At least 1,000 instances and a few seconds, so tiered JIT reaches its optimized code (its background
        // compiles starve on a busy machine) and the connection pool is full.
        await ClosedLoop.RunAsync(callers, Math.Max(1_000, count / 4), maxTime / 2, RunSequenceAsync);
        await ClosedLoop.RunAsync(callers, int.MaxValue, maxTime / 8, RunSequenceAsync);
        if (!Durable)
        {
            return await ClosedLoop.RunAsync(callers, count, maxTime, RunSequenceAsync);
        }

        var before = await ServerCountersAsync();
        var result = await ClosedLoop.RunAsync(callers, count, maxTime, RunSequenceAsync);
        var after = await ServerCountersAsync();
        var n = (double)result.Completed;
        return result with
        {
            Detail = $"{Fmt.Bytes((after.Wal - before.Wal) / n)} WAL, {(after.Xid - before.Xid) / n:0.00} xids per inst",
        };
    }

    /// <summary>Cluster-wide transaction ids handed out and WAL bytes written so far; reading them assigns no xid.</summary>
    public async Task<(long Xid, long Wal)> ServerCountersAsync()
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint, (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Refreshes planner statistics of the durable store's database.</summary>
    public async Task AnalyzeAsync()
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        await DurableCluster.Exec(conn, "ANALYZE", CancellationToken.None);
    }

    /// <summary>The tables with the most dead tuples, as "name live/dead", for the notes under the table.</summary>
    public async Task<string> DeadTuplesAsync()
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT string_agg(relname || ' ' || n_live_tup || ' live/' || n_dead_tup || ' dead', '; ' ORDER BY n_dead_tup DESC) " +
            "FROM (SELECT relname, n_live_tup, n_dead_tup FROM pg_stat_user_tables ORDER BY n_dead_tup DESC LIMIT 3) t", conn);
        return (await cmd.ExecuteScalarAsync()) as string ?? "no tables";
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
