using Failkit.Management.Reports;
using Failkit.Management.Secrets;
using Failkit.Tenancy;

namespace Failkit.Management.Planes;

/// <summary>What the management plane derives per tenant from its secret: the plane key and the passwords of the
/// tenant database's two roles. Derived rather than stored, so a resumed onboarding or a restart gets the same
/// values without a table of credentials (docs/decisions/management-tenant-db-passwords.md).</summary>
public sealed class TenantCredentials(ManagementSecret secret) : IPlaneKeyProvider
{
    public async Task<string> PlaneKeyAsync(TenantSlug slug, CancellationToken ct = default) =>
        PlaneKeys.Derive(await secret.GetAsync(ct), slug);

    public async ValueTask<string> KeyForAsync(string slug, CancellationToken ct = default) =>
        await PlaneKeyAsync(TenantSlug.Parse(slug), ct);

    public async Task<TenantPasswords> PasswordsAsync(TenantSlug slug, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        // Hex: nothing that needs quoting in SQL or a connection string, like TenantPasswords.Generate.
        var owner = Convert.ToHexStringLower(await secret.DeriveAsync("db-owner:" + slug.Value, ct));
        var app = Convert.ToHexStringLower(await secret.DeriveAsync("db-app:" + slug.Value, ct));
        return new TenantPasswords(owner, app);
    }
}
