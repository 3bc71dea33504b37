namespace Failkit.Workflows.Core.Activities;

/// <summary>Runs the published version of another workflow as a child and, by default, waits for it to finish.
/// Its output becomes this activity's result. A faulted child faults this activity.</summary>
[Activity("Elsa", "Composition", "Run a child workflow and wait for it.", DisplayName = "Run Workflow")]
public sealed class ExecuteWorkflow : Activity
{
    public const string BookmarkName = "Elsa.ExecuteWorkflow";

    [Input(Description = "The definition id of the child workflow.", UIHint = "workflow-definition-picker", IsRequired = true)]
    public Input<string> WorkflowDefinitionId { get; set; } = new("");

    [Input(Description = "Input handed to the child workflow.", UIHint = "json-editor")]
    public Input<Dictionary<string, object?>> Input { get; set; } = new(Expression.Literal(null));

    [Input(Description = "Correlation id of the child; the parent's when empty.")]
    public Input<string> CorrelationId { get; set; } = new("");

    [Input(Description = "Wait for the child to finish.")]
    public Input<bool> WaitForCompletion { get; set; } = new(true);

    [Output(Description = "The child workflow's output.")]
    public Output<object> Result { get; set; } = new();

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var invoker = context.GetRequiredService<IChildWorkflowInvoker>();
        var wait = context.Get(WaitForCompletion);
        var bookmark = wait ? context.CreateBookmark(new BookmarkOptions(BookmarkName)) : null;
        var correlation = context.Get(CorrelationId);
        var request = new ChildWorkflowRequest(
            context.Get(WorkflowDefinitionId)!,
            context.Get(Input),
            string.IsNullOrEmpty(correlation) ? context.CorrelationId : correlation,
            context.WorkflowInstanceId,
            bookmark?.Id,
            context.IdempotencyKey);
        var child = await invoker.StartAsync(request, context.CancellationToken);
        context.SetProperty("childInstanceId", child.InstanceId);
        if (!wait || child.Finished)
        {
            if (bookmark is not null)
            {
                context.Workflow.State.Bookmarks.Remove(bookmark);
            }

            Complete(context, child);
            await context.CompleteAsync();
        }
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input)
    {
        Complete(context, input as ChildWorkflowResult ?? ChildWorkflowResult.From(input));
        return context.CompleteAsync();
    }

    private void Complete(ActivityExecutionContext context, ChildWorkflowResult child)
    {
        if (child.Faulted)
        {
            throw new WorkflowFaultException("ChildFaulted", $"Child workflow {child.InstanceId} faulted: {child.Fault}");
        }

        context.Set(Result, child.Output);
    }
}
