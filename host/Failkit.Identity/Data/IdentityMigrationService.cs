using Failkit.Identity.Schema;
using Failkit.Workflows.Persistence;
using Microsoft.Extensions.Hosting;

namespace Failkit.Identity.Data;

/// <summary>A bare single-tenant host migrates the identity schema at start-up, exactly when it migrates the workflow
/// schema (<see cref="PostgresPersistenceOptions.MigrateOnStartup"/>); a provisioned tenant plane runs as the app role
/// and leaves migrations to the provisioner.</summary>
public sealed class IdentityMigrationService(PostgresPersistenceOptions persistence) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (persistence.MigrateOnStartup)
        {
            await IdentityMigrator.MigrateAsync(persistence.MigrationConnectionString ?? persistence.ConnectionString, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
