using Cronos;

namespace Failkit.Workflows.Core.Activities;

/// <summary>A cron trigger (5 or 6 fields, in a time zone): the scheduler starts the published workflow on every
/// occurrence, once across all replicas. Inside a running workflow it waits for the next occurrence.</summary>
[Activity("Elsa", "Scheduling", "Trigger the workflow on a cron schedule.", Kind = ActivityKind.Trigger)]
public sealed class Cron : Activity
{
    public const string BookmarkName = "Elsa.Cron";

    [Input(Description = "Cron expression: 5 fields, or 6 with seconds first.", IsRequired = true)]
    public Input<string> CronExpression { get; set; } = new("0 * * * *");

    [Input(Description = "IANA time zone the expression is read in, e.g. Europe/Berlin. UTC when empty.")]
    public Input<string> TimeZone { get; set; } = new("UTC");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            return context.CompleteAsync();
        }

        var next = NextOccurrence(context.Get(CronExpression)!, context.Get(TimeZone), context.Now)
            ?? throw new InvalidOperationException("The cron expression has no future occurrence.");
        context.CreateBookmark(new BookmarkOptions(BookmarkName, ResumeAt: next));
        return ValueTask.CompletedTask;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset? NextOccurrence(string expression, string? timeZone, DateTimeOffset after)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var cron = Cronos.CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        var zone = string.IsNullOrWhiteSpace(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return cron.GetNextOccurrence(after, zone);
    }
}
