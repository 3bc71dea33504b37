using Failkit.Evidence.Format;
using Failkit.Protection;
using Npgsql;

namespace Failkit.Evidence;

/// <summary>One sealed report's row, without its bodies.</summary>
public sealed record ReportEntry(
    long Number,
    Guid DrillId,
    DateTimeOffset GeneratedAt,
    Guid KeyId,
    string Verdict,
    bool Simulated,
    string ManifestSha256,
    string BodySha256,
    string PdfSha256,
    long PdfBytes,
    string? PreviousReportSha256,
    DateTimeOffset? PurgedAt,
    byte[] Signature)
{
    public ReportStub Stub(Guid tenantId) => new(ReportStub.StubFormat, Number, tenantId, DrillId, EvidenceJson.Time(GeneratedAt), ManifestSha256,
        PreviousReportSha256, EvidenceJson.Time(PurgedAt ?? throw new InvalidOperationException($"Report {Number} is not purged.")));
}

/// <summary>Reads of <c>evidence.reports</c>. Writes go through <see cref="ReportChain"/> (append) and
/// <see cref="EvidenceRetention"/> (purge) only; the table's trigger refuses anything else.</summary>
public sealed class ReportStore(ProtectionDatabase db)
{
    internal const string Columns = """
        report_number, drill_id, generated_at, key_id, verdict, simulated, manifest_sha256, body_sha256, pdf_sha256, pdf_bytes,
        previous_report_sha256, purged_at, signature
        """;

    public async Task<ReportEntry?> FindAsync(Guid drillId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await FindAsync(conn, drillId, ct);
    }

    /// <summary>The newest reports first.</summary>
    public async Task<IReadOnlyList<ReportEntry>> ListAsync(int limit, long? before, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn,
            $"SELECT {Columns} FROM evidence.reports WHERE ($2::bigint IS NULL OR report_number < $2) ORDER BY report_number DESC LIMIT $1", limit, before);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The sealed manifest's bytes (null once purged).</summary>
    public Task<byte[]?> ManifestAsync(long number, CancellationToken ct) => BytesAsync("manifest", number, ct);

    /// <summary>The PDF's bytes (null once purged).</summary>
    public Task<byte[]?> PdfAsync(long number, CancellationToken ct) => BytesAsync("pdf", number, ct);

    internal static async Task<ReportEntry?> FindAsync(NpgsqlConnection conn, Guid drillId, CancellationToken ct)
    {
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM evidence.reports WHERE drill_id = $1", drillId);
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    private async Task<byte[]?> BytesAsync(string column, long number, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        // The column is one of two constants above, never input.
        return await EvidenceDatabase.ScalarAsync<byte[]>(conn, $"SELECT {column} FROM evidence.reports WHERE report_number = $1", ct, number);
    }

    private static async Task<IReadOnlyList<ReportEntry>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<ReportEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new ReportEntry(r.GetInt64(0), r.GetGuid(1), r.GetFieldValue<DateTimeOffset>(2), r.GetGuid(3), r.GetString(4), r.GetBoolean(5),
                r.GetString(6), r.GetString(7), r.GetString(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<byte[]>(12)));
        }

        return list;
    }
}
