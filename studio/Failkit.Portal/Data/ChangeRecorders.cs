using System.Security.Claims;
using Failkit.Drills;
using Failkit.Tenancy.Audit;

namespace Failkit.Portal.Data;

/// <summary>The audit events of changes made in the portal: the same kinds, targets and before/after snapshots the
/// REST endpoints write, with the signed-in user as the actor and the page's client address as the source, in the
/// change's own transaction.</summary>
public sealed class ChangeRecorders(IAuditTrail audit, PortalAudit portal)
{
    public ProtectionGroupStore.Recorder Group(ClaimsPrincipal user, string kind) =>
        (conn, before, after) => audit.WriteAsync(conn, Entry(user, kind, (after ?? before)!.Id, (after ?? before)!.Name).Change(before, after));

    public CloudAccountStore.Recorder Account(ClaimsPrincipal user, string kind) =>
        (conn, before, after) => audit.WriteAsync(conn, Entry(user, kind, (after ?? before)!.Id, (after ?? before)!.Name).Change(before, after));

    private AuditEntry Entry(ClaimsPrincipal user, string kind, Guid target, string name) =>
        new(kind, AuditEntry.ActorOf(user), target.ToString(), name) { Source = portal.Source };
}
