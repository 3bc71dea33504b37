namespace Failkit.Workflows.Core.Activities;

/// <summary>Ends the whole workflow as finished, cancelling every branch still running.</summary>
[Activity("Elsa", "Primitives", "Mark the workflow as finished.")]
[FlowShape(IsTerminal = true)]
public sealed class Finish : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.FinishWorkflow();
        return ValueTask.CompletedTask;
    }
}
