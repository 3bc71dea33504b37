using Failkit.Protection;
using Npgsql;

namespace Failkit.Drills;

/// <summary>Replacing and deleting groups. Each change runs in one transaction with the caller's
/// <see cref="Recorder"/>, which sees the group before and after on the same connection (the audit event).</summary>
public sealed partial class ProtectionGroupStore
{
    /// <summary>Called inside a change's transaction with the state before (null: created) and after (null: deleted).</summary>
    public delegate Task Recorder(NpgsqlConnection conn, ProtectionGroup? before, ProtectionGroup? after);

    /// <summary>Replaces the group's settings and VMs; null when it does not exist.</summary>
    public async Task<ProtectionGroup?> UpdateAsync(Guid id, ProtectionGroupInput input, DateTimeOffset? nextRunAt, Recorder? record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await FindAsync(conn, id, lockRow: true, ct) is not { } before)
        {
            return null;
        }

        await using (var cmd = ProtectionDatabase.Command(conn, """
            UPDATE drills.protection_groups SET name = $2, cloud_account_id = $3, rto_target_minutes = $4, rpo_target_minutes = $5,
                runbook_definition_id = $6, schedule = $7, next_run_at = $8, schedule_time_zone = $9
            WHERE id = $1
            """, id, input.Name, input.CloudAccountId, input.RtoTargetMinutes, input.RpoTargetMinutes, input.RunbookDefinitionId ?? DefaultRunbook,
            input.Schedule, nextRunAt, input.Schedule is null ? null : input.ScheduleTimeZone))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var cmd = ProtectionDatabase.Command(conn, "DELETE FROM drills.protected_vms WHERE group_id = $1", id))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await InsertVmsAsync(conn, id, input.Vms, ct);
        var after = await FindAsync(conn, id, lockRow: false, ct);
        if (record is not null)
        {
            await record(conn, before, after);
        }

        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>Deletes a group that no drill has run on (drills keep their group for the evidence).</summary>
    public async Task<ChangeOutcome> DeleteAsync(Guid id, Recorder? record, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await FindAsync(conn, id, lockRow: true, ct) is not { } before)
        {
            return ChangeOutcome.NotFound;
        }

        await using (var used = ProtectionDatabase.Command(conn, "SELECT 1 FROM drills.drills WHERE group_id = $1 LIMIT 1", id))
        {
            if (await used.ExecuteScalarAsync(ct) is not null)
            {
                return ChangeOutcome.InUse;
            }
        }

        await using (var cmd = ProtectionDatabase.Command(conn, "DELETE FROM drills.protection_groups WHERE id = $1", id))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        if (record is not null)
        {
            await record(conn, before, null);
        }

        await tx.CommitAsync(ct);
        return ChangeOutcome.Done;
    }

    /// <summary>True when another group than <paramref name="except"/> has this name.</summary>
    public async Task<bool> NameTakenAsync(string name, Guid except, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, "SELECT 1 FROM drills.protection_groups WHERE name = $1 AND id <> $2", name, except);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task InsertVmsAsync(NpgsqlConnection conn, Guid id, IReadOnlyList<ProtectedVm> vms, CancellationToken ct)
    {
        foreach (var vm in vms)
        {
            await using var cmd = ProtectionDatabase.Command(conn, """
                INSERT INTO drills.protected_vms (group_id, name, wave, size, disks, probes) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
                """, id, vm.Name, vm.Wave, vm.Size, DrillsJson.Serialize(vm.Disks), DrillsJson.Serialize(vm.Probes ?? []));
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<ProtectionGroup?> FindAsync(NpgsqlConnection conn, Guid id, bool lockRow, CancellationToken ct)
    {
        await using var cmd = ProtectionDatabase.Command(conn,
            $"SELECT {Columns} FROM drills.protection_groups WHERE id = $1" + (lockRow ? " FOR UPDATE" : ""), id);
        return (await ReadAllAsync(conn, cmd, ct)).SingleOrDefault();
    }
}

public enum ChangeOutcome
{
    Done,
    NotFound,

    /// <summary>Drills refer to it; it stays.</summary>
    InUse,
}
