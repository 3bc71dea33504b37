namespace Failkit.Management.Reports;

/// <summary>Logs accepted reports in <c>management.agent_reports</c>, one column per metadata field. A resent report
/// (same tenant, disk and point) is ignored, so an agent may retry freely.</summary>
public sealed class PostgresRecoveryPointSink(ManagementDatabase db) : IRecoveryPointSink
{
    public async Task AcceptAsync(ReceivedReport received, CancellationToken ct)
    {
        var r = received.Report;
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, """
            INSERT INTO management.agent_reports (tenant_id, certificate_serial, received_at, disk, point_id, point_time,
                bytes_scanned, bytes_changed, bytes_uploaded, block_count, manifest_sha256, rpo_observed_seconds)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (tenant_id, disk, point_id) DO NOTHING
            """, received.TenantId, received.CertificateSerial, received.ReceivedAt, r.Disk, r.PointId, r.PointTime,
            r.BytesScanned, r.BytesChanged, r.BytesUploaded, r.BlockCount, r.ManifestSha256.ToLowerInvariant(), r.RpoObservedSeconds);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
