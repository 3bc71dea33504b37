namespace Failkit.Drills;

/// <summary>A VM's measured RTO and RPO against the group's targets, and its verdict.</summary>
public sealed record VmMeasure(string Verdict, double? RtoSeconds, double? RpoSeconds, double? RpoVsLastWriteSeconds, IReadOnlyList<string> Reasons);

/// <summary>RTO and RPO arithmetic, shared by the live API view and the Measure/Compile activities so both say the
/// same thing.</summary>
public static class DrillMetrics
{
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string Pending = "Pending";

    /// <summary>RTO = requested → probes green. RPO = drill start − the oldest chosen point of the VM's disks (the data a
    /// real failover at drill start would have lost); vs. last write = that minus the agent's observed lag, when the agent
    /// reported one (how far the point trailed the last write the agent saw).</summary>
    public static VmMeasure Measure(Drill drill, DrillVm vm)
    {
        ArgumentNullException.ThrowIfNull(drill);
        ArgumentNullException.ThrowIfNull(vm);
        var w = vm.Waterfall;
        double? rto = w is { RequestedAt: { } req, ProbesGreenAt: { } green } ? (green - req).TotalSeconds : null;
        var oldest = vm.RecoveryPoints is { Count: > 0 } points ? points.MinBy(p => p.PointTime) : null;
        double? rpo = oldest is null ? null : Math.Max(0, (drill.RequestedAt - oldest.PointTime).TotalSeconds);
        double? vsLastWrite = oldest?.RpoObservedSeconds;
        var reasons = new List<string>();
        if (vm.Status is VmStatus.Cancelled or VmStatus.Skipped)
        {
            return new VmMeasure(vm.Status, rto, rpo, vsLastWrite, [vm.Error ?? vm.Status.ToLowerInvariant()]);
        }

        if (!VmStatus.IsFinal(vm.Status))
        {
            return new VmMeasure(Pending, rto, rpo, vsLastWrite, []);
        }

        if (vm.Status == VmStatus.Failed)
        {
            reasons.Add(vm.Error ?? "failed");
        }

        if (rto > drill.RtoTargetSeconds)
        {
            reasons.Add($"RTO {rto:0}s exceeds the target {drill.RtoTargetSeconds}s");
        }

        if (rpo > drill.RpoTargetSeconds)
        {
            reasons.Add($"RPO {rpo:0}s exceeds the target {drill.RpoTargetSeconds}s");
        }

        return new VmMeasure(reasons.Count == 0 ? Passed : Failed, rto, rpo, vsLastWrite, reasons);
    }

    /// <summary>The plan's RTO: drill requested → the last VM green; null until every VM is green.</summary>
    public static double? PlanRtoSeconds(Drill drill)
    {
        ArgumentNullException.ThrowIfNull(drill);
        return drill.Vms.Count > 0 && drill.Vms.All(v => v.Waterfall.ProbesGreenAt is not null)
            ? (drill.Vms.Max(v => v.Waterfall.ProbesGreenAt!.Value) - drill.RequestedAt).TotalSeconds
            : null;
    }
}
