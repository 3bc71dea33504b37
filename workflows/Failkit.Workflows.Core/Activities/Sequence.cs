namespace Failkit.Workflows.Core.Activities;

/// <summary>Runs its activities one after the other.</summary>
[Activity("Elsa", "Flow", "Execute a set of activities in sequence.")]
public sealed class Sequence : Activity
{
    public List<IActivity> Activities { get; set; } = [];

    public override IEnumerable<IActivity> GetChildren() => Activities;

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => Next(context, 0);

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        Next(context, context.GetProperty<int>("index") + 1);

    private ValueTask Next(ActivityExecutionContext context, int index)
    {
        if (index >= Activities.Count)
        {
            return context.CompleteAsync();
        }

        context.SetProperty("index", index);
        context.ScheduleActivity(Activities[index]);
        return ValueTask.CompletedTask;
    }
}
