using Failkit.Protection;
using Npgsql;

namespace Failkit.Drills;

public sealed record ProtectionGroupInput(
    string Name,
    Guid CloudAccountId,
    int RtoTargetMinutes,
    int RpoTargetMinutes,
    string? RunbookDefinitionId,
    string? Schedule,
    IReadOnlyList<ProtectedVm> Vms,
    string? ScheduleTimeZone = null);

public sealed partial class ProtectionGroupStore(ProtectionDatabase db, TimeProvider time)
{
    /// <summary>The built-in runbook a group uses unless it names its own.</summary>
    public const string DefaultRunbook = "drill-runbook";

    private const string Columns = "id, name, cloud_account_id, rto_target_minutes, rpo_target_minutes, runbook_definition_id, schedule, next_run_at, schedule_time_zone";

    public Task<ProtectionGroup> CreateAsync(ProtectionGroupInput input, DateTimeOffset? nextRunAt, CancellationToken ct) =>
        CreateAsync(input, nextRunAt, null, ct);

    /// <param name="record">Runs inside the transaction with the created group, so its audit event commits with it.</param>
    public async Task<ProtectionGroup> CreateAsync(ProtectionGroupInput input, DateTimeOffset? nextRunAt, Recorder? record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = ProtectionDatabase.Command(conn, """
            INSERT INTO drills.protection_groups (id, name, cloud_account_id, rto_target_minutes, rpo_target_minutes, runbook_definition_id, schedule, next_run_at, created_at, schedule_time_zone)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, id, input.Name, input.CloudAccountId, input.RtoTargetMinutes, input.RpoTargetMinutes,
            input.RunbookDefinitionId ?? DefaultRunbook, input.Schedule, nextRunAt, now, input.Schedule is null ? null : input.ScheduleTimeZone))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await InsertVmsAsync(conn, id, input.Vms, ct);
        var created = await FindAsync(conn, id, lockRow: false, ct) ?? throw new InvalidOperationException("The created group vanished.");
        if (record is not null)
        {
            await record(conn, null, created);
        }

        await tx.CommitAsync(ct);
        return created;
    }

    public async Task<IReadOnlyList<ProtectionGroup>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.protection_groups ORDER BY name");
        return await ReadAllAsync(conn, cmd, ct);
    }

    public async Task<ProtectionGroup?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.protection_groups WHERE id = $1", id);
        return (await ReadAllAsync(conn, cmd, ct)).SingleOrDefault();
    }

    public async Task<bool> ExistsByNameAsync(string name, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, "SELECT 1 FROM drills.protection_groups WHERE name = $1", name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Claims the groups whose schedule is due and moves each to its next occurrence in the same statement,
    /// so a schedule fires once however many replicas look at the same moment.</summary>
    public async Task<IReadOnlyList<(Guid Id, DateTimeOffset DueAt)>> ClaimDueSchedulesAsync(
        DateTimeOffset now, Func<string, string?, DateTimeOffset, DateTimeOffset?> next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(next);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var due = new List<(Guid Id, string Schedule, DateTimeOffset DueAt, string? Zone)>();
        await using (var cmd = ProtectionDatabase.Command(conn, """
            SELECT id, schedule, next_run_at, schedule_time_zone FROM drills.protection_groups
            WHERE schedule IS NOT NULL AND next_run_at <= $1 FOR UPDATE SKIP LOCKED
            """, now))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                due.Add((reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        foreach (var (id, schedule, _, zone) in due)
        {
            await using var update = ProtectionDatabase.Command(conn, "UPDATE drills.protection_groups SET next_run_at = $2 WHERE id = $1", id, next(schedule, zone, now));
            await update.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return due.Select(d => (d.Id, d.DueAt)).ToList();
    }

    private static async Task<IReadOnlyList<ProtectionGroup>> ReadAllAsync(NpgsqlConnection conn, NpgsqlCommand cmd, CancellationToken ct)
    {
        var groups = new List<ProtectionGroup>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                groups.Add(new ProtectionGroup(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), [], reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        if (groups.Count == 0)
        {
            return groups;
        }

        await using var vmsCmd = ProtectionDatabase.Command(conn,
            "SELECT group_id, name, wave, size, disks, probes FROM drills.protected_vms WHERE group_id = ANY($1) ORDER BY wave, name",
            groups.Select(g => g.Id).ToArray());
        var vms = new List<(Guid Group, ProtectedVm Vm)>();
        await using (var reader = await vmsCmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                vms.Add((reader.GetGuid(0), new ProtectedVm(reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                    DrillsJson.Deserialize<List<VmDisk>>(reader.GetString(4)), DrillsJson.Deserialize<List<Cloud.ProbeSpec>>(reader.GetString(5)))));
            }
        }

        return groups.Select(g => g with { Vms = vms.Where(v => v.Group == g.Id).Select(v => v.Vm).ToList() }).ToList();
    }
}
