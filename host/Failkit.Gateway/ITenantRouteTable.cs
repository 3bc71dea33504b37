namespace Failkit.Gateway;

/// <summary>The gateway's view of the tenants: slug to endpoint and status. The management plane writes it
/// (onboarding registers the route, suspension flips the status), and every change reaches the proxy at once.</summary>
public interface ITenantRouteTable
{
    event EventHandler? Changed;

    IReadOnlyCollection<TenantRoute> Routes { get; }

    /// <summary>The route of a slug (any case), or null.</summary>
    TenantRoute? Find(string slug);

    /// <summary>Adds or replaces the tenant's route.</summary>
    void Set(TenantRoute route);

    bool Remove(string slug);
}
