using Failkit.Drills;
using Failkit.Management.Planes;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;

namespace Failkit.Activities.Tenancy;

/// <summary>Every schema of a tenant database, migrated as its owner: onboarding's migration step and the upgrade of
/// an existing tenant at restore run the same list, so they cannot drift apart.</summary>
public sealed class TenantSchemas : ITenantSchemaUpgrade
{
    public static async Task MigrateAllAsync(TenantDatabase database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        await TenantDatabaseProvisioner.MigrateAsync(database, ct);
        await SsoDatabase.MigrateAsync(database.OwnerConnectionString, ct);
        await ProtectionMigrator.MigrateAsync(database, ct);
        await DrillsMigrator.MigrateAsync(database, ct);
        await Notifications.NotificationsMigrator.MigrateAsync(database.OwnerConnectionString, ct);
    }

    /// <summary>Migrates, then secures the tables a migration may have added (forced RLS, the app role's grants).</summary>
    public async Task UpgradeAsync(TenantDatabase tenant, CancellationToken ct)
    {
        await MigrateAllAsync(tenant, ct);
        await TenantDatabaseProvisioner.SecureTablesAsync(tenant, ct);
    }
}
