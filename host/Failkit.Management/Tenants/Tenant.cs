namespace Failkit.Management.Tenants;

public enum TenantTier
{
    Standard,
    Professional,
    Enterprise,
}

public enum TenantStatus
{
    Active,
    Suspended,
    Deleted,
}

/// <summary>A row of the tenant registry.</summary>
public sealed record Tenant(Guid Id, string Slug, TenantTier Tier, TenantStatus Status, DateTimeOffset CreatedAt);
