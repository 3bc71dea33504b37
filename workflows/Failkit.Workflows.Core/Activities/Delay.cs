namespace Failkit.Workflows.Core.Activities;

/// <summary>Waits for a time span. The wait is a timer bookmark: the instance is persisted and resumed by the scheduler.</summary>
[Activity("Elsa", "Scheduling", "Delay execution for the given time span.")]
public sealed class Delay : Activity
{
    public const string BookmarkName = "Elsa.Delay";

    [Input(Description = "How long to wait (e.g. 00:05:00 or PT5M).", IsRequired = true)]
    public Input<TimeSpan> TimeSpan { get; set; } = new(System.TimeSpan.Zero);

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var span = context.Get(TimeSpan);
        if (span <= System.TimeSpan.Zero)
        {
            return context.CompleteAsync();
        }

        context.CreateBookmark(new BookmarkOptions(BookmarkName, ResumeAt: context.Now + span));
        return ValueTask.CompletedTask;
    }
}
