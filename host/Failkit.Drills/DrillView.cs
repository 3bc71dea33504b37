using System.Text.Json.Nodes;

namespace Failkit.Drills;

/// <summary>A drill as <c>GET /api/drills/{id}</c> shows it: live per-VM status while it runs, the compiled result
/// once it ends.</summary>
public sealed record DrillView(
    Guid Id,
    string Status,
    bool Simulated,
    Guid ProtectionGroupId,
    DrillInitiator Initiator,
    RunbookRef Runbook,
    DateTimeOffset? RecoveryPointBefore,
    bool RequireApproval,
    Targets Targets,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? CancelRequestedAt,
    string? CancelRequestedBy,
    string? WorkflowInstanceId,
    string? CleanupInstanceId,
    double? PlanRtoSeconds,
    IReadOnlyList<DrillVmView> Vms,
    JsonObject Cleanup,
    IReadOnlyList<Approval> Approvals,
    JsonObject? Result)
{
    public static DrillView From(Drill drill, IReadOnlyList<Approval> approvals)
    {
        ArgumentNullException.ThrowIfNull(drill);
        var vms = drill.Vms.Select(vm =>
        {
            var m = DrillMetrics.Measure(drill, vm);
            return new DrillVmView(vm.Name, vm.Wave, vm.Status, m.Verdict, m.Reasons, m.RtoSeconds, m.RpoSeconds, m.RpoVsLastWriteSeconds,
                vm.InstanceId, vm.PrivateAddress, vm.RecoveryPoints ?? [], vm.Waterfall, vm.Probes, vm.RequestIds, vm.Error);
        }).ToList();
        // leftovers stays null until the sweep ran: "not swept yet" must not read as "nothing left".
        var cleanup = drill.Cleanup?.DeepClone().AsObject() ?? new JsonObject { ["leftovers"] = null };
        return new DrillView(drill.Id, drill.Status, drill.Simulated, drill.GroupId, drill.Initiator, new RunbookRef(drill.RunbookDefinitionId, drill.RunbookVersion),
            drill.RecoveryPointBefore, drill.RequireApproval, new Targets(drill.RtoTargetSeconds, drill.RpoTargetSeconds), drill.RequestedAt, drill.FinishedAt,
            drill.CancelRequestedAt, drill.CancelRequestedBy, drill.WorkflowInstanceId, drill.CleanupInstanceId, DrillMetrics.PlanRtoSeconds(drill), vms,
            cleanup, approvals, drill.Result);
    }
}

public sealed record RunbookRef(string DefinitionId, int Version);

public sealed record Targets(int RtoSeconds, int RpoSeconds);

public sealed record DrillVmView(
    string Name,
    int Wave,
    string Status,
    string Verdict,
    IReadOnlyList<string> Reasons,
    double? RtoSeconds,
    double? RpoSeconds,
    double? RpoVsLastWriteSeconds,
    string? InstanceId,
    string? PrivateAddress,
    IReadOnlyList<ChosenPoint> RecoveryPoints,
    Waterfall Waterfall,
    IReadOnlyList<ProbeResult> Probes,
    IReadOnlyList<string> RequestIds,
    string? Error);
