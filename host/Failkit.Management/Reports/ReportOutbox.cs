using Npgsql;

namespace Failkit.Management.Reports;

/// <summary>A report in <c>management.agent_reports</c>, addressed to its tenant's plane.</summary>
public sealed record OutboxReport(long Id, string TenantSlug, string CertificateSerial, DateTimeOffset ReceivedAt, AgentMetadataReport Report,
    DateTimeOffset? ForwardedAt);

/// <summary>The <c>agent_reports</c> table used as an outbox: a report is recorded before it is forwarded and marked
/// once its tenant plane has it, so nothing is lost while a plane is down.</summary>
public sealed class ReportOutbox(ManagementDatabase db)
{
    private const string Select = """
        SELECT r.id, t.slug, r.certificate_serial, r.received_at, r.disk, r.point_id, r.point_time, r.bytes_scanned, r.bytes_changed,
               r.bytes_uploaded, r.block_count, r.manifest_sha256, r.rpo_observed_seconds, r.forwarded_at
        FROM management.agent_reports r JOIN management.tenants t ON t.id = r.tenant_id
        """;

    /// <summary>Records the report (a resent one keeps the first row) and returns the stored row.</summary>
    public async Task<OutboxReport> RecordAsync(ReceivedReport received, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(received);
        var r = received.Report;
        await using var conn = await db.OpenAsync(ct);
        await using (var insert = Sql.Command(conn, """
            INSERT INTO management.agent_reports (tenant_id, certificate_serial, received_at, disk, point_id, point_time,
                bytes_scanned, bytes_changed, bytes_uploaded, block_count, manifest_sha256, rpo_observed_seconds)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (tenant_id, disk, point_id) DO NOTHING
            """, received.TenantId, received.CertificateSerial, received.ReceivedAt.ToUniversalTime(), r.Disk, r.PointId, r.PointTime.ToUniversalTime(),
            r.BytesScanned, r.BytesChanged, r.BytesUploaded, r.BlockCount, r.ManifestSha256.ToLowerInvariant(), r.RpoObservedSeconds))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var select = Sql.Command(conn, Select + " WHERE r.tenant_id = $1 AND r.disk = $2 AND r.point_id = $3", received.TenantId, r.Disk, r.PointId);
        return (await ReadAsync(select, ct)).Single();
    }

    /// <summary>The oldest reports that are neither delivered nor refused for good.</summary>
    public async Task<IReadOnlyList<OutboxReport>> PendingAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, Select + " WHERE r.forwarded_at IS NULL AND r.forward_rejected_status IS NULL ORDER BY r.id LIMIT $1", limit);
        return await ReadAsync(cmd, ct);
    }

    public async Task MarkForwardedAsync(long id, DateTimeOffset at, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, "UPDATE management.agent_reports SET forwarded_at = $2 WHERE id = $1 AND forwarded_at IS NULL", id, at.ToUniversalTime());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task MarkRejectedAsync(long id, int status, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, "UPDATE management.agent_reports SET forward_rejected_status = $2 WHERE id = $1 AND forwarded_at IS NULL", id, (short)status);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<OutboxReport>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<OutboxReport>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var report = new AgentMetadataReport(reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7),
                reader.GetInt64(8), reader.GetInt64(9), reader.GetInt32(10), reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetDouble(12));
            rows.Add(new OutboxReport(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), report,
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return rows;
    }
}
