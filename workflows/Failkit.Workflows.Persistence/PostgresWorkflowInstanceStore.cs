using System.Text.Json.Nodes;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Persistence.Data;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>Instances, bookmarks, journal and work queue in PostgreSQL. The hot paths (open, claim, commit) are
/// raw Npgsql with batched statements; the list and journal reads go through EF Core.</summary>
public sealed partial class PostgresWorkflowInstanceStore(WorkflowsDatabase db, IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time)
    : IWorkflowInstanceStore
{
    // The oldest due item first; SKIP LOCKED hands each replica a different one without waiting.
    private const string ClaimSql = """
        SELECT id, instance_id, kind, due_at, bookmark_id, input FROM workflows.work
        WHERE due_at <= $1 ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
        """;

    public async Task<IInstanceSession> OpenAsync(string instanceId, CancellationToken cancellationToken) =>
        await PostgresInstanceSession.OpenAsync(db, instanceId, null, null, null, cancellationToken);

    /// <summary>Claims the work row and locks its instance in one transaction. If this process dies, its connection
    /// drops, the transaction aborts and the row is claimable again.</summary>
    public async Task<IInstanceSession?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var conn = await db.OpenAsync(cancellationToken);
        try
        {
            var tx = await conn.BeginTransactionAsync(cancellationToken);
            WorkRequest? work = null;
            await using (var cmd = new NpgsqlCommand(ClaimSql, conn, tx))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow().UtcDateTime });
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    work = new WorkRequest(
                        reader.GetString(1),
                        Enum.Parse<WorkRequestKind>(reader.GetString(2)),
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5)) { Id = reader.GetInt64(0) };
                }
            }

            if (work is null)
            {
                await tx.DisposeAsync();
                await conn.DisposeAsync();
                return null;
            }

            return await PostgresInstanceSession.OpenAsync(db, work.InstanceId, work, conn, tx, cancellationToken);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public async Task EnqueueAsync(WorkRequest work, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn) { BatchCommands = { PostgresInstanceSession.WorkInsert([work]) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT state FROM workflows.instances WHERE id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        return await cmd.ExecuteScalarAsync(cancellationToken) is string json ? StateSerializer.Deserialize(json) : null;
    }

    /// <summary>Event lookups resume instances, so they stay on raw SQL next to the other latency-bound paths.</summary>
    public async Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? hash, string? correlationId, CancellationToken cancellationToken)
    {
        var sql = "SELECT id, name, hash, payload, activity_node_id, activity_instance_id, resume_at, created_at FROM workflows.bookmarks WHERE name = $1"
            + (hash is null ? "" : " AND hash = $2")
            + (correlationId is null ? "" : hash is null ? " AND correlation_id = $2" : " AND correlation_id = $3");
        await using var conn = await db.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in new[] { name, hash, correlationId }.Where(v => v is not null))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var found = new List<Bookmark>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Bookmark
            {
                Id = reader.GetString(0),
                Name = reader.GetString(1),
                Hash = reader.IsDBNull(2) ? null : reader.GetString(2),
                Payload = reader.IsDBNull(3) ? null : JsonNode.Parse(reader.GetString(3)),
                ActivityNodeId = reader.GetString(4),
                ActivityInstanceId = reader.GetString(5),
                ResumeAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            });
        }

        return found;
    }

    /// <summary>Removes the instance with its bookmarks and journal (cascade) and its queued work. Deleting waits
    /// for a session that holds the instance's row lock. The work goes first: a claimer holds its work row while it
    /// waits for the instance, and taking the instance row before the work rows could close a cycle with it.</summary>
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM workflows.work WHERE instance_id = $1") { Parameters = { new() { Value = instanceId } } },
                new NpgsqlBatchCommand("DELETE FROM workflows.instances WHERE id = $1") { Parameters = { new() { Value = instanceId } } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return batch.BatchCommands[1].RecordsAffected > 0;
    }
}
