namespace Failkit.Workflows.Core.Activities;

/// <summary>Runs its branches in parallel; completes when all are done (WaitAll) or the first is (WaitAny).</summary>
[Activity("Elsa", "Flow", "Run branches in parallel and join them.")]
public sealed class Fork : Activity
{
    [Input(Description = "WaitAll completes when every branch completed; WaitAny on the first and cancels the rest.", Options = ["WaitAll", "WaitAny"])]
    public Input<string> JoinMode { get; set; } = new("WaitAll");

    public List<IActivity> Branches { get; set; } = [];

    public override IEnumerable<IActivity> GetChildren() => Branches;

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (Branches.Count == 0)
        {
            return context.CompleteAsync();
        }

        context.SetProperty("remaining", Branches.Count);
        foreach (var branch in Branches)
        {
            context.ScheduleActivity(branch);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var remaining = context.GetProperty<int>("remaining") - 1;
        context.SetProperty("remaining", remaining);
        if (context.Get(JoinMode) == "WaitAny")
        {
            context.CancelChildren();
            return context.CompleteAsync();
        }

        return remaining <= 0 ? context.CompleteAsync() : ValueTask.CompletedTask;
    }
}
