using System.Text.Json.Nodes;
using Failkit.Protection;
using Npgsql;

namespace Failkit.Drills;

/// <summary>The drills of the tenant and their VMs. The activities write progress here as they go, so
/// <c>GET /api/drills/{id}</c> shows a drill live.</summary>
public sealed partial class DrillStore(ProtectionDatabase db, TimeProvider time)
{
    private const string Columns = """
        id, group_id, status, simulated, initiator_kind, initiator, runbook_definition_id, runbook_version, recovery_point_before,
        require_approval, rto_target_seconds, rpo_target_seconds, workflow_instance_id, cleanup_instance_id, requested_at, finished_at,
        cancel_requested_at, cancel_requested_by, cleanup, result
        """;

    public async Task CreateAsync(Drill drill, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drill);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = ProtectionDatabase.Command(conn, """
            INSERT INTO drills.drills (id, group_id, status, simulated, initiator_kind, initiator, runbook_definition_id, runbook_version,
                recovery_point_before, require_approval, rto_target_seconds, rpo_target_seconds, requested_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, drill.Id, drill.GroupId, drill.Status, drill.Simulated, drill.Initiator.Kind, drill.Initiator.Name, drill.RunbookDefinitionId,
            drill.RunbookVersion, drill.RecoveryPointBefore, drill.RequireApproval, drill.RtoTargetSeconds, drill.RpoTargetSeconds, drill.RequestedAt))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        foreach (var vm in drill.Vms)
        {
            await using var cmd = ProtectionDatabase.Command(conn,
                "INSERT INTO drills.drill_vms (drill_id, name, wave, status) VALUES ($1, $2, $3, $4)", drill.Id, vm.Name, vm.Wave, vm.Status);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    public async Task<Drill?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.drills WHERE id = $1", id);
        return (await ReadAllAsync(conn, cmd, ct)).SingleOrDefault();
    }

    /// <summary>The newest drills first, optionally of one group.</summary>
    public async Task<IReadOnlyList<Drill>> ListAsync(Guid? groupId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn,
            $"SELECT {Columns} FROM drills.drills WHERE ($1::uuid IS NULL OR group_id = $1) ORDER BY requested_at DESC LIMIT $2", groupId, limit);
        return await ReadAllAsync(conn, cmd, ct);
    }

    /// <summary>Drills still running, for the supervisor that finishes the ones whose runbook died.</summary>
    public async Task<IReadOnlyList<Drill>> ListRunningAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.drills WHERE status = 'Running' ORDER BY requested_at");
        return await ReadAllAsync(conn, cmd, ct);
    }

    public Task SetWorkflowInstanceAsync(Guid id, string instanceId, CancellationToken ct) =>
        ExecuteAsync("UPDATE drills.drills SET workflow_instance_id = $2 WHERE id = $1", ct, id, instanceId);

    /// <summary>Records the cleanup run started for a drill whose runbook ended without it; false when another
    /// replica recorded one first.</summary>
    public async Task<bool> TrySetCleanupInstanceAsync(Guid id, string instanceId, CancellationToken ct) =>
        await ExecuteAsync("UPDATE drills.drills SET cleanup_instance_id = $2 WHERE id = $1 AND cleanup_instance_id IS NULL", ct, id, instanceId) == 1;

    /// <summary>Asks a running drill to stop; the first request wins and is kept.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, string by, CancellationToken ct) =>
        await ExecuteAsync("""
            UPDATE drills.drills SET cancel_requested_at = $2, cancel_requested_by = $3
            WHERE id = $1 AND status = 'Running' AND cancel_requested_at IS NULL
            """, ct, id, time.GetUtcNow(), by) == 1;

    public Task SetCleanupAsync(Guid id, JsonObject cleanup, CancellationToken ct) =>
        ExecuteAsync("UPDATE drills.drills SET cleanup = $2::jsonb WHERE id = $1", ct, id, cleanup.ToJsonString());

    /// <summary>Ends a drill with its compiled result; a drill ends once.</summary>
    public async Task<bool> CompleteAsync(Guid id, string status, JsonObject result, CancellationToken ct) =>
        await ExecuteAsync("""
            UPDATE drills.drills SET status = $2, result = $3::jsonb, finished_at = $4 WHERE id = $1 AND status = 'Running'
            """, ct, id, status, result.ToJsonString(), time.GetUtcNow()) == 1;

    public async Task AddApprovalAsync(Guid drillId, Approval approval, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(approval);
        await ExecuteAsync("INSERT INTO drills.approvals (id, drill_id, decision, decided_by, comment, decided_at) VALUES ($1, $2, $3, $4, $5, $6)",
            ct, approval.Id, drillId, approval.Decision, approval.DecidedBy, approval.Comment, approval.DecidedAt);
    }

    public async Task<IReadOnlyList<Approval>> ApprovalsAsync(Guid drillId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn,
            "SELECT id, decision, decided_by, comment, decided_at FROM drills.approvals WHERE drill_id = $1 ORDER BY decided_at", drillId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Approval>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new Approval(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return list;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, sql, values);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static JsonObject? Json(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : JsonNode.Parse(r.GetString(i))?.AsObject();

    private static T? Nullable<T>(NpgsqlDataReader r, int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
