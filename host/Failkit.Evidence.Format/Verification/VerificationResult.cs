namespace Failkit.Evidence.Format.Verification;

public enum ReportStatus
{
    Ok,
    Purged,
    Failed,
}

/// <summary>One report of the folder as the verifier found it. <see cref="Number"/> is the number its file names
/// claim; every entry of <see cref="Reasons"/> is a whole sentence that names the report, the file and the reason.</summary>
public sealed record ReportVerification(
    long Number, string File, Guid? DrillId, string? GeneratedAt, ReportStatus Status, Guid? KeyId, string? PurgedAt,
    IReadOnlyList<string> Reasons);

/// <summary>The audit export's chain: how many events were read and what is wrong, if anything.</summary>
public sealed record AuditVerification(string File, int Events, long? FirstSeq, long? LastSeq, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>Everything the verifier found. <see cref="Verified"/> is true only when every report is OK or purged, the
/// chain has no problem and the audit export (when there is one) is intact.</summary>
public sealed record VerificationResult(
    Guid TenantId, string Tenant, IReadOnlyList<ReportVerification> Reports, IReadOnlyList<string> ChainProblems, AuditVerification? Audit)
{
    public bool Verified => Failed == 0 && ChainProblems.Count == 0 && (Audit is null || Audit.Intact);

    public int Ok => Reports.Count(r => r.Status == ReportStatus.Ok);

    public int Purged => Reports.Count(r => r.Status == ReportStatus.Purged);

    public int Failed => Reports.Count(r => r.Status == ReportStatus.Failed);

    /// <summary>Every failure sentence: the reports' first, in report order, then the chain's, then the audit's.</summary>
    public IEnumerable<string> Problems() =>
        Reports.SelectMany(r => r.Reasons).Concat(ChainProblems).Concat(Audit?.Problems ?? []);
}

/// <summary>The input cannot be verified at all (no folder, no report files, no audit file): a usage error, not a
/// verification failure.</summary>
public sealed class VerificationInputException : Exception
{
    public VerificationInputException()
    {
    }

    public VerificationInputException(string message)
        : base(message)
    {
    }

    public VerificationInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
