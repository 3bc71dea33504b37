using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Drills;

/// <param name="Name">The agent's disk name: recovery points are recorded per disk.</param>
public sealed record VmDisk(string Name, long SizeBytes);

/// <param name="Size">A size class the cloud account maps to an instance type (e.g. small, medium, large).</param>
public sealed record ProtectedVm(string Name, int Wave, string Size, IReadOnlyList<VmDisk> Disks, IReadOnlyList<ProbeSpec> Probes);

public sealed record ProtectionGroup(
    Guid Id,
    string Name,
    Guid CloudAccountId,
    int RtoTargetMinutes,
    int RpoTargetMinutes,
    string RunbookDefinitionId,
    string? Schedule,
    DateTimeOffset? NextRunAt,
    IReadOnlyList<ProtectedVm> Vms,
    string? ScheduleTimeZone = null);

/// <summary>A cloud account as the API shows it: everything but the secret.</summary>
public sealed record CloudAccountView(
    Guid Id,
    string Name,
    CloudKind Kind,
    string Region,
    DrillNetwork Network,
    IReadOnlyDictionary<string, string> InstanceTypes,
    IReadOnlyDictionary<string, string> Tags,
    JsonObject Settings,
    DateTimeOffset UpdatedAt);

public static class DrillStatus
{
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
}

/// <summary>Who started a drill: a signed-in user, a protection group's schedule, or an API client.</summary>
public sealed record DrillInitiator(string Kind, string Name)
{
    public const string User = "user";
    public const string Schedule = "schedule";
    public const string ApiClient = "api-client";
}

/// <summary>The recovery point a VM's disk boots from.</summary>
public sealed record ChosenPoint(string Disk, Guid RecoveryPointId, string PointId, DateTimeOffset PointTime, double? RpoObservedSeconds);

/// <summary>The RTO waterfall of one VM: requested → disk ready → instance running → boot signal → probes green.</summary>
public sealed record Waterfall(
    DateTimeOffset? RequestedAt,
    DateTimeOffset? DiskReadyAt,
    DateTimeOffset? InstanceRunningAt,
    DateTimeOffset? BootSignalAt,
    DateTimeOffset? ProbesGreenAt);

public sealed record ProbeResult(string Name, string Kind, bool Passed, int Attempts, string Detail, DateTimeOffset At);

public sealed record DrillVm(
    string Name,
    int Wave,
    string Status,
    IReadOnlyList<ChosenPoint>? RecoveryPoints,
    string? InstanceId,
    string? PrivateAddress,
    IReadOnlyList<string> RequestIds,
    Waterfall Waterfall,
    IReadOnlyList<ProbeResult> Probes,
    string? Error);

/// <summary>VM statuses, in the order a healthy VM goes through them.</summary>
public static class VmStatus
{
    public const string Pending = "Pending";
    public const string Hydrating = "Hydrating";
    public const string Booting = "Booting";
    public const string Running = "Running";
    public const string Probing = "Probing";
    public const string Green = "Green";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string Skipped = "Skipped";

    public static bool IsFinal(string status) => status is Green or Failed or Cancelled or Skipped;
}

public sealed record Drill(
    Guid Id,
    Guid GroupId,
    string Status,
    bool Simulated,
    DrillInitiator Initiator,
    string RunbookDefinitionId,
    int RunbookVersion,
    DateTimeOffset? RecoveryPointBefore,
    bool RequireApproval,
    int RtoTargetSeconds,
    int RpoTargetSeconds,
    string? WorkflowInstanceId,
    string? CleanupInstanceId,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? CancelRequestedAt,
    string? CancelRequestedBy,
    JsonObject? Cleanup,
    JsonObject? Result,
    IReadOnlyList<DrillVm> Vms);

public sealed record Approval(Guid Id, string Decision, string DecidedBy, string? Comment, DateTimeOffset DecidedAt);
