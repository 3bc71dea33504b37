using Failkit.Drills;
using Failkit.Protection;
using Failkit.Tenancy;
using Failkit.Testing;

namespace Failkit.Activities.Drills.Tests.Fixtures;

/// <summary>One tenant database for the test run, provisioned and migrated as onboarding does; the activities reach it
/// as the tenant's application role. Tests share it safely because each makes its own account, group, disks and drill.</summary>
public sealed class TenantFixture : IAsyncLifetime
{
    private TenantDatabase? _tenant;

    public TenantDatabase Tenant => _tenant ?? throw new InvalidOperationException("The tenant database is not provisioned yet.");

    public async ValueTask InitializeAsync()
    {
        var slug = TenantSlug.Parse($"da-{Guid.NewGuid():N}"[..16]);
        var tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
        await DrillsMigrator.MigrateAsync(tenant);
        await Failkit.Activities.Notifications.NotificationsMigrator.MigrateAsync(tenant.OwnerConnectionString);
        await ProtectionMigrator.MigrateAndSecureAsync(tenant);
        _tenant = tenant;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
