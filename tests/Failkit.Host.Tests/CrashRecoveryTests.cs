using System.Text.Json.Nodes;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Npgsql;

namespace Failkit.Host.Tests;

/// <summary>A host is SIGKILLed in the middle of a dispatched workflow and started again on the same database.
/// Every activity writes a side effect keyed by its execution; the instance must complete with each side
/// effect present exactly once.</summary>
public sealed class CrashRecoveryTests
{
    private static readonly string[] Steps = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"];

    [Fact]
    public async Task SigkillMidWorkflow_RestartCompletes_EverySideEffectExactlyOnce()
    {
        var db = await TestPostgres.CreateDatabaseAsync("crash");
        await Execute(db, "CREATE TABLE side_effects (execution_key text PRIMARY KEY, instance_id text NOT NULL, activity_id text NOT NULL, pid int NOT NULL)");

        string instanceId;
        int firstPid;
        await using var workflows = new TenantWorkflows(db);
        await using (var first = await HostProcess.StartAsync(db))
        {
            firstPid = first.Pid;
            await workflows.PublishAsync(Definition(db));
            instanceId = await workflows.DispatchAsync("crashy");

            await WaitUntil(async () => await Count(db, "SELECT count(*) FROM side_effects") >= 3, TimeSpan.FromSeconds(60));
            first.Kill();
        }

        var beforeRestart = await Count(db, "SELECT count(*) FROM side_effects");
        Assert.InRange(beforeRestart, 3, Steps.Length - 1);

        await using var second = await HostProcess.StartAsync(db);
        await WaitUntil(async () => (await workflows.GetAsync(instanceId))?.Status == WorkflowStatus.Finished, TimeSpan.FromSeconds(90));

        Assert.Equal(WorkflowSubStatus.Finished, (await workflows.GetAsync(instanceId))!.SubStatus);
        var rows = await Rows(db);
        Assert.Equal(Steps, rows.Select(r => r.Activity).Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r.Pid == firstPid);
        Assert.Contains(rows, r => r.Pid == second.Pid);
    }

    private static JsonObject Definition(string db)
    {
        JsonObject Lit(object value, string type) => new() { ["typeName"] = type, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = JsonValue.Create(value) } };
        JsonObject Effect(string id) => new() { ["type"] = "Failkit.TestKit.RecordSideEffect", ["id"] = id, ["connectionString"] = Lit(db, "String") };
        JsonObject Sleep(string id) => new() { ["type"] = "Failkit.TestKit.Sleep", ["id"] = id, ["milliseconds"] = Lit(700, "Int32") };
        JsonObject Delay(string id) => new() { ["type"] = "Elsa.Delay", ["id"] = id, ["timeSpan"] = Lit("00:00:00.500", "TimeSpan") };

        // Sleeps make long bursts to die in; delays make burst boundaries (commits) to resume from.
        var activities = new JsonArray(
            Effect("a1"), Sleep("s1"), Effect("a2"), Delay("d1"), Effect("a3"), Sleep("s2"), Effect("a4"), Sleep("s3"),
            Effect("a5"), Delay("d2"), Effect("a6"), Sleep("s4"), Effect("a7"), Delay("d3"), Effect("a8"));
        return new JsonObject
        {
            ["definitionId"] = "crashy",
            ["name"] = "crashy",
            ["root"] = new JsonObject { ["type"] = "Elsa.Sequence", ["id"] = "seq", ["activities"] = activities },
        };
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task Execute(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> Count(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<(string Activity, int Pid)>> Rows(string db)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT activity_id, pid FROM side_effects", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
