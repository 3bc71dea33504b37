using Failkit.Tenancy.Audit;

namespace Failkit.Drills;

/// <summary>The audit entries of drill actions, written alike by the REST routes and the portal: the caller supplies
/// who and from where (<paramref name="by"/>), this adds what happened and the state before and after.</summary>
public static class DrillAudit
{
    public static AuditEntry Started(AuditEntry by, Guid id, StartDrillRequest request)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(request);
        return (by with { Kind = DrillEndpoints.DrillStartedKind, Target = id.ToString(), Detail = $"protection group {request.ProtectionGroupId}" })
            .Change<object>(null, new { drillId = id, request });
    }

    /// <param name="drill">The drill as read before the cancel was requested.</param>
    public static AuditEntry CancelRequested(AuditEntry by, Drill drill)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(drill);
        return (by with { Kind = DrillEndpoints.DrillCancelKind, Target = drill.Id.ToString(), Detail = null })
            .Change(new { status = drill.Status, cancelRequested = false }, new { status = drill.Status, cancelRequested = true });
    }

    public static AuditEntry Decided(AuditEntry by, Guid id, Approval approval)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(approval);
        return (by with { Kind = DrillEndpoints.DecisionKind(approval.Decision), Target = id.ToString(), Detail = approval.Comment }).Change<Approval>(null, approval);
    }
}
