using Failkit.Tenancy.Audit;

namespace Failkit.Portal;

/// <summary>Audit entries for what a user does in the portal, with the same actor and source an API call of theirs
/// would get: the actor from the circuit's user, the source from the HTTP request that rendered the page the circuit
/// was opened on, read by <see cref="AuditSource"/> (the same trusted-proxy rule as <see cref="AuditEntry.For"/>).
/// A circuit has no request per click, so every action of the tab carries that address.</summary>
public sealed class PortalAudit(PortalUser me, IAuditTrail trail)
{
    /// <summary>The client address, as <c>App</c> read it from the page's request and <c>Routes</c> handed it over.</summary>
    public string? Source { get; private set; }

    /// <summary>Takes the source once per circuit. It comes in as the interactive root component's parameter, which
    /// the server protects (Data Protection) in the page, so the browser cannot forge it.</summary>
    public void Capture(string? source) => Source ??= source;

    /// <summary>An entry by the signed-in user of this circuit, from where they opened it.</summary>
    public async Task<AuditEntry> EntryAsync(string kind, string? target = null, string? detail = null)
    {
        await me.LoadAsync();
        return new AuditEntry(kind, AuditEntry.ActorOf(me.Principal), target, detail) { Source = Source };
    }

    public Task WriteAsync(AuditEntry entry, CancellationToken ct = default) => trail.WriteAsync(entry, ct);
}
