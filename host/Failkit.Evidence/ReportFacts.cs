using Failkit.Drills;

namespace Failkit.Evidence;

/// <summary>Everything a report says, gathered before the body is built, so the body is a pure function of it (and
/// the benchmark can build one without a database).</summary>
/// <param name="RunbookSha256">The SHA-256 of the definition version that ran (<see cref="RunbookHash"/>); null when
/// that version no longer exists, which the report lists as a deficiency.</param>
public sealed record ReportFacts(
    long ReportNumber,
    string? PreviousReportSha256,
    Guid TenantId,
    DateTimeOffset GeneratedAt,
    Drill Drill,
    string ProtectionGroupName,
    IReadOnlyList<Approval> Approvals,
    string? RunbookSha256,
    Guid KeyId,
    string KeyFingerprint);
