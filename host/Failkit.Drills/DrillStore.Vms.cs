using Failkit.Protection;
using Npgsql;

namespace Failkit.Drills;

/// <summary>Progress of one VM; null fields are left as they are, so each step writes only what it learnt.</summary>
public sealed record VmProgress(
    string? Status = null,
    IReadOnlyList<ChosenPoint>? RecoveryPoints = null,
    string? InstanceId = null,
    string? PrivateAddress = null,
    IReadOnlyList<string>? RequestIds = null,
    DateTimeOffset? RequestedAt = null,
    DateTimeOffset? DiskReadyAt = null,
    DateTimeOffset? InstanceRunningAt = null,
    DateTimeOffset? BootSignalAt = null,
    DateTimeOffset? ProbesGreenAt = null,
    IReadOnlyList<ProbeResult>? Probes = null,
    string? Error = null);

public sealed partial class DrillStore
{
    private const string UpdateVmSql = """
        UPDATE drills.drill_vms SET
            status = COALESCE($3, status),
            recovery_points = COALESCE($4::jsonb, recovery_points),
            instance_id = COALESCE($5, instance_id),
            private_address = COALESCE($6, private_address),
            request_ids = ARRAY(SELECT DISTINCT unnest(request_ids || COALESCE($7::text[], '{}'))),
            requested_at = COALESCE(requested_at, $8),
            disk_ready_at = COALESCE(disk_ready_at, $9),
            instance_running_at = COALESCE(instance_running_at, $10),
            boot_signal_at = COALESCE(boot_signal_at, $11),
            probes_green_at = COALESCE(probes_green_at, $12),
            probes = COALESCE($13::jsonb, probes),
            error = COALESCE($14, error)
        WHERE drill_id = $1 AND name = $2
        """;

    // Request ids accumulate (a retried step adds its own); timestamps keep the first value written, so a step
    // rerun after a crash does not move the waterfall.
    public Task UpdateVmAsync(Guid drillId, string name, VmProgress p, CancellationToken ct) => ExecuteAsync(UpdateVmSql, ct, UpdateVmValues(drillId, name, p));

    /// <summary>Many VMs' progress in one round trip and one commit: a step that looked at a whole wave writes what it
    /// learnt at once, instead of paying a commit (an fsync) per VM.</summary>
    public async Task UpdateVmsAsync(Guid drillId, IReadOnlyCollection<(string Name, VmProgress Progress)> updates, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return;
        }

        await using var conn = await db.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        foreach (var (name, progress) in updates)
        {
            var command = new NpgsqlBatchCommand(UpdateVmSql);
            foreach (var value in UpdateVmValues(drillId, name, progress))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        // A batch outside a transaction runs as one implicit transaction: all of it or none.
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static object?[] UpdateVmValues(Guid drillId, string name, VmProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return [drillId, name, p.Status, p.RecoveryPoints is null ? null : DrillsJson.Serialize(p.RecoveryPoints), p.InstanceId,
            p.PrivateAddress, p.RequestIds?.ToArray(), p.RequestedAt, p.DiskReadyAt, p.InstanceRunningAt, p.BootSignalAt, p.ProbesGreenAt,
            p.Probes is null ? null : DrillsJson.Serialize(p.Probes), p.Error];
    }

    private static async Task<IReadOnlyList<Drill>> ReadAllAsync(NpgsqlConnection conn, NpgsqlCommand cmd, CancellationToken ct)
    {
        var drills = new List<Drill>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                drills.Add(new Drill(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetBoolean(3), new DrillInitiator(r.GetString(4), r.GetString(5)),
                    r.GetString(6), r.GetInt32(7), Nullable<DateTimeOffset>(r, 8), r.GetBoolean(9), r.GetInt32(10), r.GetInt32(11),
                    Text(r, 12), Text(r, 13), r.GetFieldValue<DateTimeOffset>(14), Nullable<DateTimeOffset>(r, 15), Nullable<DateTimeOffset>(r, 16),
                    Text(r, 17), Json(r, 18), Json(r, 19), []));
            }
        }

        if (drills.Count == 0)
        {
            return drills;
        }

        await using var vmsCmd = ProtectionDatabase.Command(conn, """
            SELECT drill_id, name, wave, status, recovery_points, instance_id, private_address, request_ids, requested_at, disk_ready_at,
                   instance_running_at, boot_signal_at, probes_green_at, probes, error
            FROM drills.drill_vms WHERE drill_id = ANY($1) ORDER BY wave, name
            """, drills.Select(d => d.Id).ToArray());
        var vms = new List<(Guid Drill, DrillVm Vm)>();
        await using (var r = await vmsCmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                vms.Add((r.GetGuid(0), new DrillVm(r.GetString(1), r.GetInt32(2), r.GetString(3),
                    r.IsDBNull(4) ? null : DrillsJson.Deserialize<List<ChosenPoint>>(r.GetString(4)), Text(r, 5), Text(r, 6),
                    r.GetFieldValue<string[]>(7),
                    new Waterfall(Nullable<DateTimeOffset>(r, 8), Nullable<DateTimeOffset>(r, 9), Nullable<DateTimeOffset>(r, 10),
                        Nullable<DateTimeOffset>(r, 11), Nullable<DateTimeOffset>(r, 12)),
                    DrillsJson.Deserialize<List<ProbeResult>>(r.GetString(13)), Text(r, 14))));
            }
        }

        return drills.Select(d => d with { Vms = vms.Where(v => v.Drill == d.Id).Select(v => v.Vm).ToList() }).ToList();
    }
}
