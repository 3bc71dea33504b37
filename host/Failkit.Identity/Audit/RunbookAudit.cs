using Failkit.Tenancy.Audit;
using Failkit.Workflows.Runtime.Definitions;
using Microsoft.AspNetCore.Http;

namespace Failkit.Identity.Audit;

/// <summary>Writes <c>runbook.*</c> events for the workflow system's definition changes. The workflow system cannot
/// name the caller (it knows nothing of Failkit's users), so the caller and source come from the current request; a
/// change made outside a request (the built-in definitions seeded at start) is the system's.</summary>
public sealed class RunbookAudit(IAuditTrail audit, IHttpContextAccessor requests) : IWorkflowDefinitionObserver
{
    public const string SystemActor = "system:workflows";

    public Task OnChangedAsync(WorkflowDefinitionChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var kind = change.Kind switch
        {
            WorkflowDefinitionChangeKind.Saved => AuditKinds.RunbookSaved,
            WorkflowDefinitionChangeKind.Published => AuditKinds.RunbookPublished,
            WorkflowDefinitionChangeKind.Retracted => AuditKinds.RunbookRetracted,
            WorkflowDefinitionChangeKind.Reverted => AuditKinds.RunbookReverted,
            _ => AuditKinds.RunbookDeleted,
        };
        var version = (change.After ?? change.Before)?.Version;
        var detail = version is { } v ? $"version {v}" : null;
        var entry = requests.HttpContext is { } http
            ? AuditEntry.For(http, kind, change.DefinitionId, detail)
            : new AuditEntry(kind, SystemActor, change.DefinitionId, detail);
        return audit.WriteAsync(entry.Change(change.Before, change.After), ct);
    }
}
