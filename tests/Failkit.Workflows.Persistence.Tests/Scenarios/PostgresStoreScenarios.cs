using Failkit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Persistence.Tests.Scenarios;

/// <summary>The scenarios on the PostgreSQL stores, each test on a fresh database of the throwaway cluster.</summary>
public sealed class PostgresStoreScenarios : StoreScenarios
{
    protected override async Task<WorkflowTestHost> CreateHostAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("scenario");
        return WorkflowTestHost.Create(s => s.AddSingleton<TimeProvider>(Time).AddFailkitPostgres(connectionString));
    }
}
