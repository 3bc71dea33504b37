using Failkit.Tenancy.Audit;

namespace Failkit.Portal.Data;

/// <summary>Who does an admin action from the portal, as the audit log names the same action through the API: the
/// signed-in user's actor, and the client address <see cref="PortalAudit"/> took from the page's request.</summary>
public sealed class AdminCaller(PortalUser me, PortalAudit audit)
{
    public System.Security.Claims.ClaimsPrincipal Principal => me.Principal;

    public string Actor => AuditEntry.ActorOf(me.Principal);

    public string? Source => audit.Source;

    /// <summary>An event of <paramref name="kind"/> by this user; the services fill in target, detail and states.</summary>
    public AuditEntry Entry(string kind, string? target = null, string? detail = null) => new(kind, Actor, target, detail) { Source = Source };
}
