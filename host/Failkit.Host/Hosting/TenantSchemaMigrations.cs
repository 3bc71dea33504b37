using Failkit.Drills;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy.Evidence;

namespace Failkit.Host.Hosting;

/// <summary>A bare tenant plane (one database it may change, e.g. a test host) migrates the SSO, protection, drills,
/// evidence and notifications schemas itself, like the workflow and identity ones. An onboarded plane runs as the app role with
/// <c>Failkit:Database:Migrate=false</c>: onboarding migrated it as the owner.</summary>
public sealed class TenantSchemaMigrations(IConfiguration configuration, string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Failkit:Database:Migrate", true))
        {
            return;
        }

        await SsoDatabase.MigrateAsync(connectionString, cancellationToken);
        await ProtectionMigrator.MigrateAsync(connectionString, cancellationToken);
        await DrillsMigrator.MigrateAsync(connectionString, cancellationToken);
        await EvidenceSchema.MigrateAsync(connectionString, cancellationToken);
        await Failkit.Activities.Notifications.NotificationsMigrator.MigrateAsync(connectionString, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
