using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http;

namespace Failkit.Portal.Data;

/// <summary>Who does an admin action from the portal, as the audit log names the same action through the API: the
/// signed-in user's actor and the client address. A circuit has no request of its own; the address is the one of the
/// circuit's connection, read while the hub still exposes it, and null when it does not.</summary>
public sealed class AdminCaller(PortalUser me, IHttpContextAccessor requests)
{
    private string? _source;

    public System.Security.Claims.ClaimsPrincipal Principal => me.Principal;

    public string Actor => AuditEntry.ActorOf(me.Principal);

    public string? Source => _source ??= requests.HttpContext is { } http ? AuditSource.Of(http) : null;

    /// <summary>An event of <paramref name="kind"/> by this user; the services fill in target, detail and states.</summary>
    public AuditEntry Entry(string kind, string? target = null, string? detail = null) => new(kind, Actor, target, detail) { Source = Source };
}
