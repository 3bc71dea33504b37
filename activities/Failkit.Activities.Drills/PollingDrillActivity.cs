using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>A drill step that looks at the cloud, then waits on a timer bookmark and looks again until it is done or
/// out of time. The wait is the runtime's (the instance is persisted and resumed by a timer), never a sleep, so a long
/// boot holds no thread and survives a restart; a cancel resumes the bookmark at once.</summary>
public abstract class PollingDrillActivity : DrillActivity
{
    public const string PollBookmark = "Failkit.Drills.Poll";

    [Input(Description = "How long to wait before giving up on the VMs still pending.", Order = 10)]
    public Input<TimeSpan> Timeout { get; set; } = new(TimeSpan.FromMinutes(15));

    [Input(Description = "How often to look again.", Order = 11)]
    public Input<TimeSpan> PollInterval { get; set; } = new(TimeSpan.FromSeconds(5));

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.SetProperty("since", context.Now);
        return StepAsync(context);
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input) => StepAsync(context);

    /// <summary>One look. Returns the outcome to complete with, or null to look again after the poll interval.</summary>
    private protected abstract Task<string?> PollAsync(ActivityExecutionContext context, bool timedOut);

    private async ValueTask StepAsync(ActivityExecutionContext context)
    {
        var since = context.GetProperty<DateTimeOffset>("since");
        var timedOut = context.Now - since >= context.Get(Timeout);
        if (await PollAsync(context, timedOut) is { } outcome)
        {
            await context.CompleteAsync(outcome);
            return;
        }

        var interval = context.Get(PollInterval);
        context.CreateBookmark(new BookmarkOptions(PollBookmark, ResumeAt: context.Now + (interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1))));
    }
}
