using Failkit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Persistence.Tests.Scenarios;

/// <summary>The scenarios on the runtime's in-memory stores: the reference behaviour the PostgreSQL stores match.</summary>
public sealed class InMemoryStoreScenarios : StoreScenarios
{
    protected override Task<WorkflowTestHost> CreateHostAsync() =>
        Task.FromResult(WorkflowTestHost.Create(s => s.AddSingleton<TimeProvider>(Time)));
}
