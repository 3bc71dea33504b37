using Failkit.Tenancy;
using Failkit.Tenancy.Evidence;
using Microsoft.AspNetCore.DataProtection;

namespace Failkit.Management.Planes;

/// <summary>One Data Protection key ring per tenant: a folder of its own under
/// <see cref="ManagementOptions.TenantKeyRingRoot"/> and an application name of its own. The management plane writes
/// with it once (the tenant's private signing key); the tenant plane is handed that folder only, so it can read its
/// secrets and no other tenant's (docs/decisions/management-key-rings.md).</summary>
public sealed class TenantKeyRings(ManagementOptions options)
{
    public string DirectoryOf(TenantSlug slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var root = options.TenantKeyRingRoot
            ?? throw new InvalidOperationException("ManagementOptions.TenantKeyRingRoot is not set, so tenants have no key rings.");
        return Path.Combine(Path.GetFullPath(root), slug.Value);
    }

    /// <summary>The tenant's ring, created on first use.</summary>
    public IDataProtectionProvider For(TenantSlug slug)
    {
        var dir = Directory.CreateDirectory(DirectoryOf(slug));
        return DataProtectionProvider.Create(dir, b => b.SetApplicationName(EvidenceSchema.KeyRingApplicationName(slug)));
    }
}
