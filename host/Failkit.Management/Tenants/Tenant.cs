namespace Failkit.Management.Tenants;

public enum TenantTier
{
    Standard,
    Professional,
    Enterprise,
}

public enum TenantStatus
{
    /// <summary>Registered; its onboarding workflow has not activated it yet. No route, no tokens.</summary>
    Provisioning,
    Active,
    Suspended,
    Deleted,
}

/// <summary>A row of the tenant registry.</summary>
public sealed record Tenant(Guid Id, string Slug, TenantTier Tier, TenantStatus Status, DateTimeOffset CreatedAt)
{
    public string? ContactEmail { get; init; }

    /// <summary>The onboarding workflow instance, once started.</summary>
    public string? OnboardingInstanceId { get; init; }
}
