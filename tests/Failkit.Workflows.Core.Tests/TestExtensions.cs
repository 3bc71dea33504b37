using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Core.Tests;

internal static class TestExtensions
{
    public static async Task<IReadOnlyList<ActivityExecutionRecord>> GetRequiredServiceJournal(this IServiceProvider services, string instanceId) =>
        await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(instanceId, CancellationToken.None);
}

internal static class RuntimeTestExtensions
{
    public static async Task<Failkit.Workflows.Core.Execution.WorkflowState> GetStateAsync(this Failkit.Workflows.Runtime.WorkflowRuntime runtime, string id) =>
        (await runtime.GetAsync(id, CancellationToken.None)) ?? throw new InvalidOperationException($"no instance {id}");
}
