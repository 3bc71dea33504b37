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
            var result = ReportFolderVerifier.Verify(folder.FullName, keySet, auditFile: null, maxParallelism: 1);
            return entry.Number == 1 ? result : result with { ChainProblems = await LinkProblemsAsync(entry, result.ChainProblems, ct) };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Alone in its folder, report N &gt; 1 looks like a chain that starts late; what matters is its link to
    /// report N-1, checked here against the SHA-256 of N-1's stored manifest (or its stub's hash once purged).</summary>
    private async Task<IReadOnlyList<string>> LinkProblemsAsync(ReportEntry entry, IReadOnlyList<string> problems, CancellationToken ct)
    {
        var kept = problems.Where(p => !p.EndsWith($"the chain starts at report {entry.Number}", StringComparison.Ordinal)).ToList();
        var before = await reports.ListAsync(1, entry.Number, ct);
        if (before.Count == 0 || before[0] is not { } previous || previous.Number != entry.Number - 1)
        {
            kept.Add($"report {entry.Number}: report {entry.Number - 1} is not in the tenant's store");
            return kept;
        }

        var hash = await reports.ManifestAsync(previous.Number, ct) is { } bytes
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))
            : previous.ManifestSha256;
        if (!string.Equals(hash, entry.PreviousReportSha256, StringComparison.OrdinalIgnoreCase))
        {
            kept.Add($"report {entry.Number}: does not link to report {previous.Number} (it names {entry.PreviousReportSha256}, report {previous.Number}'s manifest hash is {hash})");
        }

        return kept;
    }
}
