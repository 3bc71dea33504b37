namespace Failkit.Workflows.Core.Activities;

/// <summary>Waits for a named event; resumed with a payload by <c>POST /events/{name}/trigger</c>. As the first
/// activity of a published workflow, the event starts new instances.</summary>
[Activity("Elsa", "Primitives", "Wait for an event published by name.", Kind = ActivityKind.Trigger)]
public sealed class Event : Activity
{
    public const string BookmarkName = "Elsa.Event";

    [Input(Description = "The name of the event to wait for.", IsRequired = true)]
    public Input<string> EventName { get; set; } = new("");

    [Output(Description = "The event payload.")]
    public Output<object> Result { get; set; } = new();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            context.Set(Result, context.WorkflowInput.TryGetValue("payload", out var payload) ? payload : null);
            return context.CompleteAsync();
        }

        context.CreateBookmark(new BookmarkOptions(BookmarkName, Hash: context.Get(EventName)));
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input)
    {
        context.Set(Result, input);
        return context.CompleteWithResultAsync(input);
    }
}
