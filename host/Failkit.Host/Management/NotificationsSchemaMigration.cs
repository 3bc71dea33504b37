using Failkit.Activities.Notifications;

namespace Failkit.Host.Management;

/// <summary>The management database's notification journal, migrated before any workflow can send (hosted services
/// start in registration order, and the engine's workers start after this one).</summary>
public sealed class NotificationsSchemaMigration(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => NotificationsMigrator.MigrateAsync(connectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
