using Failkit.Evidence;
using Failkit.Evidence.Format;
using Failkit.Evidence.Format.Verification;

namespace Failkit.Portal.Data;

/// <summary>The portal's Verify button: the stored files of one report are written to a scratch folder under the names
/// the export uses, and the offline verifier checks them against this plane's published keys, exactly as an auditor's
/// copy of <c>failkit-verify</c> would.</summary>
public sealed class StoredReportVerifier(ReportStore reports, ReportKeys keys)
{
    public async Task<VerificationResult> VerifyAsync(Guid drillId, CancellationToken ct)
    {
        var entry = await reports.FindAsync(drillId, ct) ?? throw new InvalidOperationException($"Drill {drillId} has no report (yet).");
        var folder = Directory.CreateTempSubdirectory("failkit-verify-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, ReportFiles.Signature(entry.Number)), entry.Signature, ct);
            var keySet = await keys.KeySetAsync(ct);
            // A purged report keeps its signature and chain link: the export writes its stub, and so does this.
            var (name, body) = await reports.ManifestAsync(entry.Number, ct) is { } manifest
                ? (ReportFiles.Manifest(entry.Number), manifest)
                : (ReportFiles.Stub(entry.Number), entry.Stub(keySet.TenantId).ToBytes());
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, name), body, ct);

            if (await reports.PdfAsync(entry.Number, ct) is { } pdf)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, ReportFiles.Pdf(entry.Number)), pdf, ct);
            }

            // One report: no parallelism to gain, and the cores are shared with the drills.
            return ReportFolderVerifier.Verify(folder.FullName, keySet, auditFile: null, maxParallelism: 1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
