using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime.Stores;
using Npgsql;
using NpgsqlTypes;

namespace Failkit.Workflows.Persistence;

internal sealed partial class PostgresInstanceSession
{
    private const string InsertInstanceSql = """
        INSERT INTO workflows.instances (id, definition_id, version_id, version, status, sub_status, correlation_id, name,
            incident_count, incidents, created_at, updated_at, finished_at, revision, state)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        """;

    // Guarded by the revision this session last saw: no row means the instance was deleted (or changed) meanwhile.
    private const string UpdateInstanceSql = """
        UPDATE workflows.instances SET definition_id = $2, version_id = $3, version = $4, status = $5, sub_status = $6,
            correlation_id = $7, name = $8, incident_count = $9, incidents = $10, created_at = $11, updated_at = $12,
            finished_at = $13, revision = $14, state = $15
        WHERE id = $1 AND revision = $14 - 1
        """;

    private const string InsertBookmarksSql = """
        INSERT INTO workflows.bookmarks (instance_id, correlation_id, id, name, hash, activity_node_id, activity_instance_id, payload, resume_at, created_at)
        SELECT $1, $2, b.* FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[], $10::timestamptz[]) AS b
        """;

    // One statement for all journal rows of the burst: an activity's row is inserted when it starts and updated
    // when it ends, which may be a later burst.
    private const string UpsertJournalSql = """
        INSERT INTO workflows.journal (id, instance_id, sequence, activity_id, node_id, activity_type, activity_name, status,
            started_at, completed_at, inputs, outputs, outcomes, exception, attempts)
        SELECT j.id, $1, j.sequence, j.activity_id, j.node_id, j.activity_type, j.activity_name, j.status,
            j.started_at, j.completed_at, j.inputs, j.outputs, j.outcomes, j.exception, j.attempts
        FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
            $10::timestamptz[], $11::jsonb[], $12::jsonb[], $13::jsonb[], $14::text[], $15::int[])
            AS j (id, sequence, activity_id, node_id, activity_type, activity_name, status, started_at, completed_at,
                  inputs, outputs, outcomes, exception, attempts)
        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, completed_at = EXCLUDED.completed_at, inputs = EXCLUDED.inputs,
            outputs = EXCLUDED.outputs, outcomes = EXCLUDED.outcomes, exception = EXCLUDED.exception, attempts = EXCLUDED.attempts
        """;

    internal const string InsertWorkSql = """
        INSERT INTO workflows.work (instance_id, kind, due_at, bookmark_id, input)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::json[])
        """;

    /// <summary>State, bookmarks, journal, new work and the claimed item's removal go to the server as one batch
    /// in one transaction: they become visible together or not at all. The session keeps its advisory lock, so it
    /// can commit again (per-activity commits) without anyone else having run the instance in between.</summary>
    public async Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        var tx = _tx ??= await _conn.BeginTransactionAsync(cancellationToken);
        var state = commit.State;
        var bookmarkIds = state.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(_conn, tx))
        {
            AddInstance(batch, state, _revision + 1);
            AddBookmarks(batch, state, bookmarkIds);
            AddJournal(batch, commit.Journal);
            if (commit.NewWork.Count > 0)
            {
                batch.BatchCommands.Add(WorkInsert(commit.NewWork));
            }

            if (Work is not null && !_workDeleted)
            {
                batch.BatchCommands.Add(Command("DELETE FROM workflows.work WHERE id = $1", Work.Id));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            if (batch.BatchCommands[0].RecordsAffected != 1)
            {
                // Nothing is committed: disposing the session rolls the rest of the batch back.
                throw new InstanceConflictException(InstanceId);
            }
        }

        await EndTransactionAsync(cancellationToken);
        _revision++;
        _bookmarkIds = bookmarkIds;
        _workDeleted = true;
    }

    internal static NpgsqlBatchCommand WorkInsert(IReadOnlyList<WorkRequest> work) =>
        Command(InsertWorkSql,
            Array(work.Select(w => w.InstanceId), NpgsqlDbType.Text),
            Array(work.Select(w => w.Kind.ToString()), NpgsqlDbType.Text),
            Array(work.Select(w => (DateTime?)w.DueAt.UtcDateTime), NpgsqlDbType.TimestampTz),
            Array(work.Select(w => w.BookmarkId), NpgsqlDbType.Text),
            Array(work.Select(w => w.InputJson), NpgsqlDbType.Json));

    private static void AddInstance(NpgsqlBatch batch, WorkflowState s, long revision) =>
        batch.BatchCommands.Add(Command(revision == 1 ? InsertInstanceSql : UpdateInstanceSql,
            s.Id, s.DefinitionId, s.DefinitionVersionId, s.DefinitionVersion, s.Status.ToString(), s.SubStatus.ToString(),
            s.CorrelationId, s.Name, s.Incidents.Count,
            new NpgsqlParameter { Value = JsonSerializer.Serialize(s.Incidents, WorkflowJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb },
            s.CreatedAt.UtcDateTime, s.UpdatedAt.UtcDateTime, s.FinishedAt?.UtcDateTime, revision,
            new NpgsqlParameter { Value = StateSerializer.SerializeToString(s), NpgsqlDbType = NpgsqlDbType.Jsonb }));

    /// <summary>Bookmarks never change once made (their ids are unique per instance), so replacing the set is the
    /// same as deleting the ones that went and inserting the ones that came; most commits touch neither.</summary>
    private void AddBookmarks(NpgsqlBatch batch, WorkflowState s, HashSet<string> now)
    {
        var gone = _bookmarkIds.Where(id => !now.Contains(id)).ToArray();
        if (gone.Length > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM workflows.bookmarks WHERE instance_id = $1 AND id = ANY($2)", s.Id, gone));
        }

        var added = s.Bookmarks.Where(b => !_bookmarkIds.Contains(b.Id)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(Command(InsertBookmarksSql, s.Id, s.CorrelationId,
            Array(added.Select(b => b.Id), NpgsqlDbType.Text),
            Array(added.Select(b => b.Name), NpgsqlDbType.Text),
            Array(added.Select(b => b.Hash), NpgsqlDbType.Text),
            Array(added.Select(b => b.ActivityNodeId), NpgsqlDbType.Text),
            Array(added.Select(b => b.ActivityInstanceId), NpgsqlDbType.Text),
            Array(added.Select(b => b.Payload?.ToJsonString()), NpgsqlDbType.Jsonb),
            Array(added.Select(b => b.ResumeAt?.UtcDateTime), NpgsqlDbType.TimestampTz),
            Array(added.Select(b => (DateTime?)b.CreatedAt.UtcDateTime), NpgsqlDbType.TimestampTz)));
    }

    private void AddJournal(NpgsqlBatch batch, IReadOnlyList<ActivityExecutionRecord> journal)
    {
        if (journal.Count == 0)
        {
            return;
        }

        // A record is appended each time it changes within the burst; the last write wins, and one upsert
        // statement may not touch the same row twice.
        var rows = journal.GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        batch.BatchCommands.Add(Command(UpsertJournalSql, InstanceId,
            Array(rows.Select(r => r.Id), NpgsqlDbType.Text),
            Array(rows.Select(r => (long?)r.Sequence), NpgsqlDbType.Bigint),
            Array(rows.Select(r => r.ActivityId), NpgsqlDbType.Text),
            Array(rows.Select(r => r.NodeId), NpgsqlDbType.Text),
            Array(rows.Select(r => r.ActivityType), NpgsqlDbType.Text),
            Array(rows.Select(r => r.ActivityName), NpgsqlDbType.Text),
            Array(rows.Select(r => r.Status.ToString()), NpgsqlDbType.Text),
            Array(rows.Select(r => (DateTime?)r.StartedAt.UtcDateTime), NpgsqlDbType.TimestampTz),
            Array(rows.Select(r => r.CompletedAt?.UtcDateTime), NpgsqlDbType.TimestampTz),
            Array(rows.Select(r => Json(r.Inputs)), NpgsqlDbType.Jsonb),
            Array(rows.Select(r => Json(r.Outputs)), NpgsqlDbType.Jsonb),
            Array(rows.Select(r => Json(r.Outcomes)), NpgsqlDbType.Jsonb),
            Array(rows.Select(r => r.Exception), NpgsqlDbType.Text),
            Array(rows.Select(r => (int?)r.Attempts), NpgsqlDbType.Integer)));
    }

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, WorkflowJson.Options);

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType elementType) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | elementType };

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            cmd.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v ?? DBNull.Value });
        }

        return cmd;
    }
}
