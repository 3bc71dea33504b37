using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace Failkit.Workflows.Persistence;

public sealed partial class PostgresWorkflowDefinitionStore
{
    private const string UpsertSql = """
        INSERT INTO workflows.definitions (id, definition_id, version, name, is_latest, is_published, created_at, revision, data)
        SELECT u.id, $1, u.version, u.name, u.is_latest, u.is_published, u.created_at, nextval('workflows.definition_revisions'), u.data
        FROM unnest($2::text[], $3::int[], $4::text[], $5::boolean[], $6::boolean[], $7::timestamptz[], $8::jsonb[])
            AS u (id, version, name, is_latest, is_published, created_at, data)
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name, is_latest = EXCLUDED.is_latest,
            is_published = EXCLUDED.is_published, created_at = EXCLUDED.created_at, revision = EXCLUDED.revision, data = EXCLUDED.data
        RETURNING id, revision
        """;

    /// <summary>Read-modify-write of one definition's versions under a transaction-scoped advisory lock on its id:
    /// it also covers a definition that has no rows yet, it is released by the same COMMIT that publishes the
    /// change (or by the connection dropping), and it needs no second connection. Only rows that changed are
    /// written, and each gets a new revision, so the graph cache notices an overwritten draft.</summary>
    public async Task<T> UpdateAsync<T>(string definitionId, Func<List<WorkflowDefinition>, T> change, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", conn, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter { Value = "failkit.definition:" + definitionId });
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }

        var versions = await ReadAsync(conn, tx, $"SELECT {Columns} FROM workflows.definitions WHERE definition_id = $1 ORDER BY version", definitionId, cancellationToken);
        var before = versions.ToDictionary(v => v.Id, Serialize, StringComparer.Ordinal);
        var result = change(versions);

        var removed = before.Keys.Where(id => !versions.Exists(v => v.Id == id)).ToArray();
        var changed = versions.Where(v => before.TryGetValue(v.Id, out var old) && old != Serialize(v)).ToList();
        var written = changed.Concat(versions.Where(v => !before.ContainsKey(v.Id))).ToList();
        if (removed.Length == 0 && written.Count == 0)
        {
            return result;
        }

        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            if (removed.Length > 0)
            {
                batch.BatchCommands.Add(Command("DELETE FROM workflows.definitions WHERE id = ANY($1)", new NpgsqlParameter { Value = removed }));
            }

            // The partial unique indexes check row by row, so flags that move from one version to another are
            // cleared on every changed row first and set again by the upsert.
            if (changed.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    "UPDATE workflows.definitions SET is_latest = false, is_published = false WHERE id = ANY($1)",
                    new NpgsqlParameter { Value = changed.Select(v => v.Id).ToArray() }));
            }

            if (written.Count > 0)
            {
                batch.BatchCommands.Add(Command(UpsertSql,
                    definitionId,
                    written.Select(v => v.Id).ToArray(),
                    written.Select(v => v.Version).ToArray(),
                    written.Select(v => v.Name).ToArray(),
                    written.Select(v => v.IsLatest).ToArray(),
                    written.Select(v => v.IsPublished).ToArray(),
                    written.Select(v => v.CreatedAt.UtcDateTime).ToArray(),
                    new NpgsqlParameter { Value = written.Select(Serialize).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb }));
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    written.First(v => v.Id == id).Revision = reader.GetInt64(1);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return result;
    }

    private static string Serialize(WorkflowDefinition d) => JsonSerializer.Serialize(d, WorkflowJson.Options);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            cmd.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        }

        return cmd;
    }
}
