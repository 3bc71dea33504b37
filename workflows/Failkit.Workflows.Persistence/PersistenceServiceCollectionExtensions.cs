using Failkit.Workflows.Persistence.Data;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Failkit.Workflows.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Stores the workflow system in PostgreSQL. Call it before or after <c>AddFailkitWorkflows</c>: the
    /// runtime only TryAdds its in-memory stores, and these registrations replace whatever is there.
    /// Migrations run before the first store call, and eagerly at host start so a bad connection fails fast.</summary>
    public static IServiceCollection AddFailkitPostgres(this IServiceCollection services, string connectionString, Action<PostgresPersistenceOptions>? configure = null)
    {
        var options = new PostgresPersistenceOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostgresMigrator>();
        services.AddSingleton<WorkflowsDatabase>();
        // By connection string rather than by the stores' data source: EF builds one internal service provider (and
        // model) per distinct data source, so several hosts in one process (tests, replicas) would each pay for it.
        services.AddPooledDbContextFactory<WorkflowsDbContext>(o => o.UseNpgsql(options.ConnectionString));
        services.RemoveAll<IWorkflowDefinitionStore>();
        services.RemoveAll<IWorkflowInstanceStore>();
        services.AddSingleton<IWorkflowDefinitionStore, PostgresWorkflowDefinitionStore>();
        services.AddSingleton<IWorkflowInstanceStore, PostgresWorkflowInstanceStore>();

        // First among the hosted services, so in a host it runs before the workflow worker starts polling.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateOnStartup>());
        return services;
    }

    private sealed class MigrateOnStartup(PostgresMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.EnsureAsync(cancellationToken).AsTask();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
