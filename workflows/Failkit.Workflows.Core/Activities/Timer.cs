namespace Failkit.Workflows.Core.Activities;

/// <summary>A recurring trigger: starts the published workflow every interval. Inside a running workflow it waits one interval.</summary>
[Activity("Elsa", "Scheduling", "Trigger the workflow periodically.", Kind = ActivityKind.Trigger)]
public sealed class Timer : Activity
{
    public const string BookmarkName = "Elsa.Timer";

    [Input(Description = "The interval (e.g. 00:01:00 or PT1M).", IsRequired = true)]
    public Input<TimeSpan> Interval { get; set; } = new(TimeSpan.FromMinutes(1));

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            return context.CompleteAsync();
        }

        context.CreateBookmark(new BookmarkOptions(BookmarkName, ResumeAt: context.Now + context.Get(Interval)));
        return ValueTask.CompletedTask;
    }
}
