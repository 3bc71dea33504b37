using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime.Stores;
using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>One connection holding the instance for the session's lifetime. Two locks:
/// <list type="bullet">
/// <item>a session-level advisory lock on the instance id, taken first by every session and held until dispose. It
/// survives the commits of a session that commits per activity, so no other session can slip in between two of
/// them (a row lock alone is handed to whoever queued for it the moment the first commit releases it). It also
/// covers an id that has no row yet, so two starts with the same caller-chosen id take turns.</item>
/// <item>the row lock: <c>SELECT ... FOR UPDATE</c> when the session opens, and each commit's revision-guarded
/// <c>UPDATE</c>, which fails the commit if the instance was deleted or changed behind the session's back.</item>
/// </list>
/// A process killed mid-session loses its connection, and with it both locks and the uncommitted transaction.</summary>
internal sealed partial class PostgresInstanceSession : IInstanceSession
{
    private const string AdvisoryLockSql = "SELECT pg_advisory_lock(hashtextextended($1, 0))";
    private const string RowLockSql = "SELECT revision, state FROM workflows.instances WHERE id = $1 FOR UPDATE";

    private readonly NpgsqlConnection _conn;
    private NpgsqlTransaction? _tx;
    private long _revision;
    private HashSet<string> _bookmarkIds;
    private bool _workDeleted;

    private PostgresInstanceSession(NpgsqlConnection conn, NpgsqlTransaction tx, string instanceId, WorkflowState? state, long revision, WorkRequest? work)
    {
        _conn = conn;
        _tx = tx;
        InstanceId = instanceId;
        State = state;
        Work = work;
        _revision = revision;
        _bookmarkIds = state?.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(StringComparer.Ordinal);
    }

    public string InstanceId { get; }

    public WorkflowState? State { get; }

    public WorkRequest? Work { get; }

    /// <summary>Takes both locks in one round trip and reads the state. <paramref name="conn"/> and <paramref name="tx"/>
    /// are the claim's, when the session comes from the work queue.</summary>
    public static async Task<PostgresInstanceSession> OpenAsync(WorkflowsDatabase db, string instanceId, WorkRequest? work, NpgsqlConnection? conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        conn ??= await db.OpenAsync(ct);
        try
        {
            tx ??= await conn.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(conn, tx)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(AdvisoryLockSql) { Parameters = { new() { Value = instanceId } } },
                    new NpgsqlBatchCommand(RowLockSql) { Parameters = { new() { Value = instanceId } } },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            var found = await reader.ReadAsync(ct);
            var revision = found ? reader.GetInt64(0) : 0;
            var state = found ? StateSerializer.Deserialize(reader.GetString(1)) : null;
            return new PostgresInstanceSession(conn, tx, instanceId, state, revision, work);
        }
        catch
        {
            await ReleaseAsync(conn, tx, instanceId);
            throw;
        }
    }

    public async Task DiscardWorkAsync(CancellationToken cancellationToken)
    {
        if (Work is null || _workDeleted)
        {
            return;
        }

        var tx = _tx ??= await _conn.BeginTransactionAsync(cancellationToken);
        await using (var cmd = new NpgsqlCommand("DELETE FROM workflows.work WHERE id = $1", _conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = Work.Id });
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        await EndTransactionAsync(cancellationToken);
        _workDeleted = true;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync(_conn, _tx, InstanceId);
        _tx = null;
    }

    /// <summary>Commits, and leaves the next transaction to start with the next write (its BEGIN travels with it).</summary>
    private async Task EndTransactionAsync(CancellationToken ct)
    {
        await _tx!.CommitAsync(ct);
        await _tx.DisposeAsync();
        _tx = null;
    }

    /// <summary>Rolls back what is uncommitted, then lets the next session in, then returns the connection. Npgsql
    /// resets a pooled connection only when it is next used, so the advisory lock is released explicitly; if that
    /// fails, the connection must not go back to the pool, where its next borrower would inherit the lock.</summary>
    private static async Task ReleaseAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string instanceId)
    {
        try
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", conn);
            unlock.Parameters.Add(new NpgsqlParameter { Value = instanceId });
            await unlock.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A broken connection took its locks with its backend; an open one is closed instead of pooled.
            NpgsqlConnection.ClearPool(conn);
        }
        finally
        {
            await conn.DisposeAsync();
        }
    }
}
