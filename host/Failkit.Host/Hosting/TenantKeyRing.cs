using Failkit.Tenancy;
using Failkit.Tenancy.Evidence;
using Microsoft.AspNetCore.DataProtection;

namespace Failkit.Host.Hosting;

public static class TenantKeyRing
{
    /// <summary>An onboarded plane keeps its Data Protection keys in the folder the management plane handed it (its
    /// tenant's ring, which also protects the report-signing key), under the tenant's application name; secrets it
    /// protects (cloud-account credentials, SSO secrets) open in no other tenant's plane. A bare plane keeps the
    /// framework's default ring.</summary>
    public static WebApplicationBuilder AddTenantKeyRing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dir = builder.Configuration[EvidenceSchema.KeyRingDirectoryKey];
        var slug = builder.Configuration["Failkit:Tenant:Slug"];
        var protection = builder.Services.AddDataProtection();
        if (!string.IsNullOrEmpty(dir) && !string.IsNullOrEmpty(slug))
        {
            protection.PersistKeysToFileSystem(Directory.CreateDirectory(dir))
                .SetApplicationName(EvidenceSchema.KeyRingApplicationName(TenantSlug.Parse(slug)));
        }

        return builder;
    }
}
