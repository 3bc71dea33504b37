using Npgsql;

namespace Failkit.Workflows.Persistence.Tests.Fakes;

/// <summary>A table of (instance, activity, replica) with a unique key per activity execution: a second execution
/// of the same activity fails the insert, and the replica column shows who ran it.</summary>
public sealed class ExecutionLog(string connectionString, string replica) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public string Replica => replica;

    public static async Task CreateTableAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "CREATE TABLE executions (instance_id text NOT NULL, activity_id text NOT NULL, replica text NOT NULL, PRIMARY KEY (instance_id, activity_id))", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task RecordAsync(string instanceId, string activityId, CancellationToken ct)
    {
        await using var cmd = _source.CreateCommand("INSERT INTO executions (instance_id, activity_id, replica) VALUES ($1, $2, $3)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = activityId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = replica });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
