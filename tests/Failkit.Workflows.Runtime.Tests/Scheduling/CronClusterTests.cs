using System.Text.Json;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Failkit.Workflows.Runtime.Tests.Scheduling;

/// <summary>Two replicas share one Quartz job store on PostgreSQL; a cron that ticks every second must start
/// exactly one instance per tick. Each replica records the ticks it ran into a table without a unique key,
/// so a double fire would show up as two rows.</summary>
public sealed class CronClusterTests
{
    private const string Definition = """
        { "definitionId": "every-second", "name": "every second",
          "root": { "type": "Elsa.Flowchart", "id": "f", "activities": [
            { "type": "Elsa.Cron", "id": "tick", "customProperties": { "canStartWorkflow": true },
              "cronExpression": { "typeName": "String", "expression": { "type": "Literal", "value": "* * * * * *" } },
              "timeZone": { "typeName": "String", "expression": { "type": "Literal", "value": "Europe/Berlin" } } },
            { "type": "Failkit.Tests.RecordTick", "id": "record" } ],
            "connections": [ { "source": { "activity": "tick", "port": "Done" }, "target": { "activity": "record", "port": "In" } } ] } }
        """;

    [Fact]
    public async Task CronTick_FiresExactlyOnce_AcrossTwoReplicas()
    {
        var db = await TestPostgres.CreateDatabaseAsync("cron");
        await Execute(db, "CREATE TABLE ticks (correlation text NOT NULL, node text NOT NULL)");
        await using var a = Replica(db, "node-a");
        await using var b = Replica(db, "node-b");
        var schedulers = new[] { a, b }.Select(r => r.Services.GetRequiredService<TriggerScheduler>()).ToList();
        foreach (var s in schedulers)
        {
            await s.StartAsync(CancellationToken.None);
        }

        foreach (var r in new[] { a, b })
        {
            var model = JsonSerializer.Deserialize<WorkflowDefinition>(Definition, WorkflowJson.Options)!;
            await r.Definitions.SaveAsync(model, publish: true, CancellationToken.None);
        }

        await Task.Delay(TimeSpan.FromSeconds(8));
        foreach (var s in schedulers)
        {
            await s.StopAsync(CancellationToken.None);
        }

        var rows = await Rows(db);
        Assert.True(rows.Count >= 4, $"expected at least 4 ticks in 8 s, saw {rows.Count}");
        var duplicates = rows.GroupBy(r => r.Correlation).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.All(rows, r => Assert.StartsWith("schedule:tick:", r.Correlation, StringComparison.Ordinal));
    }

    private static WorkflowTestHost Replica(string db, string node) => WorkflowTestHost.Create(
        s => s.AddSingleton(new TickTable(db, node)).AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddLogging(),
        w =>
        {
            w.Triggers.ConnectionString = db;
            w.Triggers.InstanceId = node;
            w.Triggers.ClusterCheckinInterval = TimeSpan.FromSeconds(1);
        });

    private static async Task Execute(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Correlation, string Node)>> Rows(string db)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT correlation, node FROM ticks", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}

public sealed record TickTable(string ConnectionString, string Node);

[Activity("Failkit.Tests", "Tests", "Records which replica ran a cron tick.")]
public sealed class RecordTick : CodeActivity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var table = context.GetRequiredService<TickTable>();
        await using var conn = new NpgsqlConnection(table.ConnectionString);
        await conn.OpenAsync(context.CancellationToken);
        await using var cmd = new NpgsqlCommand("INSERT INTO ticks (correlation, node) VALUES (@c, @n)", conn);
        cmd.Parameters.AddWithValue("c", context.CorrelationId ?? "");
        cmd.Parameters.AddWithValue("n", table.Node);
        await cmd.ExecuteNonQueryAsync(context.CancellationToken);
    }
}
