using Failkit.Testing;
using Failkit.Workflows.Persistence.Tests.Fakes;
using Failkit.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Persistence.Tests;

/// <summary>Issue 2's distribution test: two replicas (two service providers, two worker loops each) on one
/// database share a burst of 200 dispatched instances; every instance runs on exactly one replica, once.</summary>
public sealed class DistributionTests
{
    private const int Instances = 200;
    private const int Steps = 5;

    [Fact]
    public async Task TwoReplicas_ShareABurstOf200Instances_AndNoInstanceRunsOnBoth()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestPostgres.CreateDatabaseAsync("dist");
        await ExecutionLog.CreateTableAsync(connectionString);
        await using var a = Replica(connectionString, "A");
        await using var b = Replica(connectionString, "B");
        await a.PublishAsync(Definition());
        for (var i = 0; i < Instances; i++)
        {
            await (i % 2 == 0 ? a : b).Runtime.DispatchAsync("distributed", new StartRequest { CorrelationId = $"burst-{i}" }, ct);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromMinutes(3));
        var loops = new[] { a, a, b, b }.Select(r => WorkLoopAsync(r, stop.Token)).ToList();
        while (!stop.IsCancellationRequested && await CountAsync(connectionString, "SELECT count(*) FROM workflows.instances WHERE status = 'Finished'") < Instances)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.Equal(Instances, await CountAsync(connectionString, "SELECT count(*) FROM workflows.instances WHERE sub_status = 'Finished' AND incident_count = 0"));
        Assert.Equal(Instances * Steps, await CountAsync(connectionString, "SELECT count(*) FROM executions"));
        Assert.Equal(Instances, await CountAsync(connectionString, "SELECT count(DISTINCT instance_id) FROM executions"));
        Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM (SELECT instance_id FROM executions GROUP BY instance_id HAVING count(DISTINCT replica) > 1) AS shared"));
        Assert.Equal(2, await CountAsync(connectionString, "SELECT count(DISTINCT replica) FROM executions"));
        Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM workflows.work"));
        Assert.Equal(0, await CountAsync(connectionString, "SELECT count(*) FROM workflows.bookmarks"));
    }

    private static WorkflowTestHost Replica(string connectionString, string name) =>
        WorkflowTestHost.Create(
            s => s.AddFailkitPostgres(connectionString).AddSingleton(_ => new ExecutionLog(connectionString, name)),
            w => w.AddActivitiesFrom(typeof(RecordExecution).Assembly));

    /// <summary>What <see cref="WorkflowWorker"/> does, minus the logging: drain, and poll when idle.</summary>
    private static async Task WorkLoopAsync(WorkflowTestHost replica, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await replica.Runtime.ProcessNextAsync(ct))
                {
                    await Task.Delay(20, ct);
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static Task<long> CountAsync(string connectionString, string sql) => Db.ScalarAsync<long>(connectionString, sql);

    /// <summary>Several recording steps, committed one by one, so a session commits (and re-locks) several times.</summary>
    private static string Definition()
    {
        var steps = string.Join(",", Enumerable.Range(1, Steps).Select(i => $$"""{ "type": "Failkit.Tests.RecordExecution", "id": "step{{i}}" }"""));
        return $$"""
            { "definitionId": "distributed", "name": "distributed", "options": { "commitStrategyName": "Activity" },
              "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [ {{steps}} ] } }
            """;
    }
}
