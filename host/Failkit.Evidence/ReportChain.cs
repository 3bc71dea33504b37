using Failkit.Drills;
using Failkit.Evidence.Format;
using Failkit.Protection;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Evidence;

/// <summary>Appends one report per finished drill to the tenant's single chain. The append runs in one transaction
/// under a transaction-scoped advisory lock, so drills that finish together still get consecutive numbers, each
/// naming its predecessor's manifest hash; a second append for the same drill returns the report it already has.</summary>
public sealed class ReportChain(
    ProtectionDatabase db,
    DrillStore drills,
    ProtectionGroupStore groups,
    IWorkflowDefinitionStore definitions,
    ReportKeys keys,
    EvidenceOptions options,
    TimeProvider time)
{
    /// <summary>The chain's advisory lock key (an arbitrary constant, "fkreport" in ASCII); one chain per database.</summary>
    public const long LockKey = 0x666b7265706f7274;

    /// <summary>The drill's report, made now if it has none; null while the drill is still running (or unknown).</summary>
    public async Task<ReportEntry?> AppendAsync(Guid drillId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EvidenceDatabase.ExecuteAsync(conn, "SELECT pg_advisory_xact_lock($1)", ct, LockKey);
        if (await ReportStore.FindAsync(conn, drillId, ct) is { } existing)
        {
            return existing;
        }

        if (await drills.FindAsync(drillId, ct) is not { } drill || drill.Status == DrillStatus.Running)
        {
            return null;
        }

        var group = await groups.FindAsync(drill.GroupId, ct);
        var approvals = await drills.ApprovalsAsync(drill.Id, ct);
        var runbookSha = await RunbookHash.OfAsync(definitions, drill.RunbookDefinitionId, drill.RunbookVersion, ct);
        long lastNumber = 0;
        string? lastHash = null;
        await using (var last = ProtectionDatabase.Command(conn, "SELECT report_number, manifest_sha256 FROM evidence.reports ORDER BY report_number DESC LIMIT 1"))
        await using (var r = await last.ExecuteReaderAsync(ct))
        {
            if (await r.ReadAsync(ct))
            {
                (lastNumber, lastHash) = (r.GetInt64(0), r.GetString(1));
            }
        }

        using var key = await keys.CurrentAsync(conn, ct);
        // A key verifies only reports generated inside its window; a clock a hair behind the key's creation must not
        // produce a report its own key would reject.
        var now = EvidenceDatabase.Microseconds(time.GetUtcNow());
        var generatedAt = now < key.ValidFrom ? key.ValidFrom : now;
        var body = ManifestBody.Build(new ReportFacts(lastNumber + 1, lastHash, options.TenantId, generatedAt, drill, group?.Name ?? "(deleted)",
            approvals, runbookSha, key.Id, key.Fingerprint));
        var pdf = ReportPdf.Render(body);
        var sealedReport = ReportSeal.Seal(body, pdf, key.Key, key.Id);
        var entry = new ReportEntry(lastNumber + 1, drill.Id, generatedAt, key.Id, ManifestBody.Verdict(drill.Status), drill.Simulated,
            sealedReport.ManifestSha256, EvidenceJson.Sha256Hex(ReportSeal.BodyBytes(body)), EvidenceJson.Sha256Hex(pdf), pdf.LongLength, lastHash, null,
            sealedReport.Signature.ToBytes());
        await EvidenceDatabase.ExecuteAsync(conn, """
            INSERT INTO evidence.reports (report_number, drill_id, generated_at, key_id, verdict, simulated, manifest, manifest_sha256, body_sha256,
                signature, pdf, pdf_sha256, pdf_bytes, previous_report_sha256)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, ct, entry.Number, entry.DrillId, entry.GeneratedAt, entry.KeyId, entry.Verdict, entry.Simulated, sealedReport.Manifest,
            entry.ManifestSha256, entry.BodySha256, entry.Signature, pdf, entry.PdfSha256, entry.PdfBytes, entry.PreviousReportSha256);
        await tx.CommitAsync(ct);
        return entry;
    }
}
