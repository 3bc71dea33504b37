using System.Collections.Concurrent;

namespace Failkit.Management.Onboarding;

/// <summary>An owner's bootstrap link: the tenant's <c>/bootstrap?token=</c> page with a single-use token.</summary>
public sealed record BootstrapLink(string Slug, string? ContactEmail, Uri Link, DateTimeOffset ExpiresAt);

/// <summary>Sends a bootstrap link to the tenant's contact. It receives the plain token, which exists nowhere else,
/// so an implementation must not log or persist it beyond handing it to the contact.</summary>
public interface IBootstrapLinkDelivery
{
    Task DeliverAsync(BootstrapLink link, CancellationToken ct);
}

/// <summary>Embedded mode's delivery: prints the link for the person at the console and keeps the latest one per tenant
/// in memory for the start-up report (<c>.failkit/embedded.json</c>). Email replaces it when notifications land.</summary>
public sealed class ConsoleBootstrapLinkDelivery : IBootstrapLinkDelivery
{
    private readonly ConcurrentDictionary<string, BootstrapLink> _latest = new(StringComparer.Ordinal);

    public BootstrapLink? Latest(string slug) => _latest.GetValueOrDefault(slug);

    public Task DeliverAsync(BootstrapLink link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        _latest[link.Slug] = link;
        Console.WriteLine($"Owner bootstrap link for '{link.Slug}' ({link.ContactEmail ?? "no contact"}; single use, expires {link.ExpiresAt:HH:mm} UTC):");
        Console.WriteLine($"  {link.Link}");
        return Task.CompletedTask;
    }
}
