using Npgsql;

namespace Failkit.Protection;

/// <summary>What recording a report did.</summary>
public enum RecordOutcome
{
    /// <summary>A new recovery point.</summary>
    Created,

    /// <summary>The same point of the same disk with the same metadata was already there; nothing changed.</summary>
    Duplicate,

    /// <summary>The disk already has a point with this id and different metadata; the stored one is kept.</summary>
    Conflict,
}

/// <summary>Writes recovery points. Recording is idempotent on (disk, point id), so the management plane may
/// forward a report as often as it needs to.</summary>
public sealed class RecoveryPointStore(ProtectionDatabase db)
{
    internal const string Columns = """
        id, disk, point_id, point_time, bytes_scanned, bytes_changed, bytes_uploaded, block_count, manifest_sha256,
        rpo_observed_seconds, certificate_serial, received_at
        """;

    public async Task<(RecordOutcome Outcome, RecoveryPoint Point)> RecordAsync(RecoveryPointReport report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var conn = await db.OpenAsync(ct);
        await using (var insert = ProtectionDatabase.Command(conn, $"""
            INSERT INTO protection.recovery_points (disk, point_id, point_time, bytes_scanned, bytes_changed, bytes_uploaded,
                block_count, manifest_sha256, rpo_observed_seconds, certificate_serial, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (disk, point_id) DO NOTHING
            RETURNING {Columns}
            """, report.Disk, report.PointId, report.PointTime, report.BytesScanned, report.BytesChanged, report.BytesUploaded,
            report.BlockCount, report.ManifestSha256, report.RpoObservedSeconds, report.CertificateSerial, report.ReceivedAt))
        {
            if (await ReadOneAsync(insert, ct) is { } created)
            {
                return (RecordOutcome.Created, created);
            }
        }

        // The conflicting row is committed by now (ON CONFLICT waited for it), and this new statement sees it.
        // Only what the agent measured is compared: the same report re-sent under a renewed certificate, or taken
        // again by the management plane, is still the same recovery point. The comparison runs in SQL so both
        // sides are rounded to timestamptz's microseconds alike.
        await using var existing = ProtectionDatabase.Command(conn, $"""
            SELECT {Columns},
                   point_time = $3 AND bytes_scanned = $4 AND bytes_changed = $5 AND bytes_uploaded = $6
                   AND block_count = $7 AND manifest_sha256 = $8 AND rpo_observed_seconds IS NOT DISTINCT FROM $9
            FROM protection.recovery_points WHERE disk = $1 AND point_id = $2
            """, report.Disk, report.PointId, report.PointTime, report.BytesScanned, report.BytesChanged, report.BytesUploaded,
            report.BlockCount, report.ManifestSha256, report.RpoObservedSeconds);
        await using var reader = await existing.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            // Only possible when the session is not scoped to a tenant: the insert was refused by RLS instead.
            throw new InvalidOperationException("The recovery point conflicts with a row this session cannot see; is the connection scoped to the tenant?");
        }

        var point = Read(reader);
        return (reader.GetBoolean(12) ? RecordOutcome.Duplicate : RecordOutcome.Conflict, point);
    }

    internal static async Task<RecoveryPoint?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    internal static RecoveryPoint Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetString(1),
        r.GetString(2),
        r.GetFieldValue<DateTimeOffset>(3),
        r.GetInt64(4),
        r.GetInt64(5),
        r.GetInt64(6),
        r.GetInt32(7),
        r.GetString(8),
        r.IsDBNull(9) ? null : r.GetDouble(9),
        r.GetString(10),
        r.GetFieldValue<DateTimeOffset>(11));
}
