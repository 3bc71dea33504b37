using System.Collections.Immutable;

namespace Failkit.Gateway;

/// <summary>The in-memory table. Readers see an immutable snapshot; writers swap it, then raise <see cref="Changed"/>.</summary>
public sealed class TenantRouteTable : ITenantRouteTable
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, TenantRoute> _routes = ImmutableDictionary.Create<string, TenantRoute>(StringComparer.Ordinal);

    public event EventHandler? Changed;

    public IReadOnlyCollection<TenantRoute> Routes => _routes.Values.ToList();

    public TenantRoute? Find(string slug) =>
        slug is null ? null : _routes.GetValueOrDefault(slug.ToLowerInvariant());

    public void Set(TenantRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (!GatewayHost.IsLabel(route.Slug))
        {
            // A dot in a slug would turn it into a nested host another tenant's subdomain could collide with.
            throw new ArgumentException($"'{route.Slug}' is not a single lower-case DNS label.", nameof(route));
        }

        if (!route.Endpoint.IsAbsoluteUri || route.Endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint of '{route.Slug}' must be an absolute http(s) URI.", nameof(route));
        }

        lock (_gate)
        {
            _routes = _routes.SetItem(route.Slug, route);
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    public bool Remove(string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        bool removed;
        lock (_gate)
        {
            var before = _routes;
            _routes = _routes.Remove(slug.ToLowerInvariant());
            removed = !ReferenceEquals(before, _routes);
        }

        if (removed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return removed;
    }
}
