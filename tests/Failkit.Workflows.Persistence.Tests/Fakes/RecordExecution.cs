using Failkit.Workflows.Core;

namespace Failkit.Workflows.Persistence.Tests.Fakes;

/// <summary>A side effect that must happen exactly once per activity execution, whichever replica runs it.</summary>
[Activity("Failkit.Tests", "Testing", "Records which replica executed this activity.")]
public sealed class RecordExecution : CodeActivity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await context.GetRequiredService<ExecutionLog>().RecordAsync(context.WorkflowInstanceId, context.Activity.Id, context.CancellationToken);
}
