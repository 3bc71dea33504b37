#if FAILKIT_PERSISTENCE
using Failkit.Workflows.Persistence;
#endif
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Bench;

/// <summary>The one place that knows the PostgreSQL stores of Failkit.Workflows.Persistence. The project is referenced
/// only when it exists, so the harness builds and runs its in-memory rows without it.</summary>
public static class PostgresStores
{
    /// <summary>Why the durable rows cannot run, or null when they can.</summary>
    public static string? Missing =>
#if FAILKIT_PERSISTENCE
        null;
#else
        "persistence project not available (workflows/Failkit.Workflows.Persistence is missing; rebuild once it exists)";
#endif

    /// <summary>Registers the PostgreSQL stores; call before AddFailkitWorkflows, whose in-memory stores are fallbacks.</summary>
    public static void Add(IServiceCollection services, string connectionString)
    {
#if FAILKIT_PERSISTENCE
        services.AddFailkitPostgres(connectionString);
#else
        _ = services;
        throw new InvalidOperationException(Missing + " (connection " + connectionString.Length + " chars)");
#endif
    }

    /// <summary>Creates the schema before the first measurement, so no timed call pays for the migration.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
#if FAILKIT_PERSISTENCE
        if (services.GetService<PostgresMigrator>() is { } migrator)
        {
            await migrator.MigrateAsync(ct);
        }
#else
        _ = services;
        await Task.CompletedTask.WaitAsync(ct);
#endif
    }
}
