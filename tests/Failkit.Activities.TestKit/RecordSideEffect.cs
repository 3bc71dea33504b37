using Failkit.Workflows.Core;
using Npgsql;

namespace Failkit.Activities.TestKit;

/// <summary>Test activity: inserts one row per activity execution into <c>side_effects</c>, keyed by the
/// execution's idempotency key, the way a cloud call passes a client token. A re-run after a crash reuses
/// the key, so the row exists once; a second row under another key would mean a completed activity ran anew.</summary>
[Activity("Failkit.TestKit", "Test kit", "Record a side effect keyed by the activity execution.")]
public sealed class RecordSideEffect : CodeActivity
{
    [Input(Description = "Connection string of the database holding side_effects.", IsSensitive = true)]
    public Input<string> ConnectionString { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        await using var conn = new NpgsqlConnection(context.Get(ConnectionString));
        await conn.OpenAsync(context.CancellationToken);
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO side_effects (execution_key, instance_id, activity_id, pid) VALUES (@k, @i, @a, @p) ON CONFLICT (execution_key) DO NOTHING", conn);
        cmd.Parameters.AddWithValue("k", context.IdempotencyKey);
        cmd.Parameters.AddWithValue("i", context.WorkflowInstanceId);
        cmd.Parameters.AddWithValue("a", context.Activity.Id);
        cmd.Parameters.AddWithValue("p", Environment.ProcessId);
        await cmd.ExecuteNonQueryAsync(context.CancellationToken);
    }
}
