using Failkit.Tenancy;

namespace Failkit.Management.Planes;

/// <summary>Brings an active tenant's database to this build's schemas (as its owner) when the management plane
/// restores the tenant's plane. Idempotent: migrators record what they applied.</summary>
public interface ITenantSchemaUpgrade
{
    Task UpgradeAsync(TenantDatabase tenant, CancellationToken ct);
}
