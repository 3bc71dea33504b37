namespace Failkit.Gateway;

public enum TenantRouteStatus
{
    Active,

    /// <summary>Known but not served: the gateway answers exactly as for an unknown tenant.</summary>
    Suspended,
}

/// <summary>Where one tenant's plane listens, and whether the gateway may send traffic there.</summary>
public sealed record TenantRoute(string Slug, Uri Endpoint, TenantRouteStatus Status = TenantRouteStatus.Active);
