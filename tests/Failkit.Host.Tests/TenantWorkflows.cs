using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Activities.TestKit;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Persistence;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Host.Tests;

/// <summary>The workflow system of the test process on the host's database, with its own worker off: it publishes
/// and dispatches, the host process's worker runs the work. The host's Elsa API needs a signed-in user's token, which
/// a test without the login cannot get, and the database is the queue anyway.</summary>
public sealed class TenantWorkflows : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TenantWorkflows(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddFailkitPostgres(connectionString);
        services.AddFailkitWorkflows(b =>
        {
            b.RunWorker = false;
            b.AddActivitiesFrom(typeof(RecordSideEffect).Assembly);
        });
        _services = services.BuildServiceProvider();
    }

    public async Task PublishAsync(JsonObject definition)
    {
        var model = definition.Deserialize<WorkflowDefinition>(WorkflowJson.Options)!;
        await _services.GetRequiredService<WorkflowDefinitionService>().SaveAsync(model, publish: true, CancellationToken.None);
    }

    public Task<string> DispatchAsync(string definitionId) =>
        _services.GetRequiredService<WorkflowRuntime>().DispatchAsync(definitionId, new StartRequest(), CancellationToken.None);

    public async Task<WorkflowState?> GetAsync(string instanceId) =>
        await _services.GetRequiredService<IWorkflowInstanceStore>().GetAsync(instanceId, CancellationToken.None);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
