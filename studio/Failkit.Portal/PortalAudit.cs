using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;

namespace Failkit.Portal;

/// <summary>Audit entries for what a user does in the portal, with the same actor and source an API call of theirs
/// would get: the actor from the circuit's user, the source from the HTTP request that opened the circuit, read by
/// <see cref="AuditSource"/> (the same trusted-proxy rule as <see cref="AuditEntry.For"/>). A circuit has no request
/// per click, so the address is the one the circuit was opened from.</summary>
public sealed class PortalAudit(PortalUser me, IAuditTrail trail)
{
    /// <summary>The client address, captured when the circuit opened (or during the prerender).</summary>
    public string? Source { get; private set; }

    /// <summary>Reads the source from <paramref name="http"/>, once per circuit: later requests cannot change it.</summary>
    public void Capture(HttpContext? http)
    {
        if (Source is null && http is not null)
        {
            Source = AuditSource.Of(http);
        }
    }

    /// <summary>An entry by the signed-in user of this circuit, from where they opened it.</summary>
    public async Task<AuditEntry> EntryAsync(string kind, string? target = null, string? detail = null)
    {
        await me.LoadAsync();
        return new AuditEntry(kind, AuditEntry.ActorOf(me.Principal), target, detail) { Source = Source };
    }

    public Task WriteAsync(AuditEntry entry, CancellationToken ct = default) => trail.WriteAsync(entry, ct);
}

/// <summary>Hands the request that opened the circuit (the hub connection's, through the accessor) to the circuit's
/// <see cref="PortalAudit"/>, before any component of the circuit handles a click.</summary>
internal sealed class PortalAuditCircuitHandler(PortalAudit audit, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        audit.Capture(http.HttpContext);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        audit.Capture(http.HttpContext);
        return Task.CompletedTask;
    }
}
