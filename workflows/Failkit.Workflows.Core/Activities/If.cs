namespace Failkit.Workflows.Core.Activities;

/// <summary>Evaluates a condition. Runs Then or Else when embedded; in a flowchart it completes with True or False.</summary>
[Activity("Elsa", "Branching", "Evaluate a Boolean condition and take the True or the False path.")]
[FlowNode("True", "False")]
public sealed class If : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = "singleline", DefaultSyntax = "JavaScript")]
    public Input<bool> Condition { get; set; } = new(false);

    [Port]
    public IActivity? Then { get; set; }

    [Port]
    public IActivity? Else { get; set; }

    public override IEnumerable<IActivity> GetChildren() => new[] { Then, Else }.OfType<IActivity>();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = context.Get(Condition);
        context.SetProperty("result", result);
        var branch = result ? Then : Else;
        if (branch is null)
        {
            return Complete(context, result);
        }

        context.ScheduleActivity(branch);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        Complete(context, context.GetProperty<bool>("result"));

    private static ValueTask Complete(ActivityExecutionContext context, bool result) =>
        context.CompleteWithResultAsync(result, result ? "True" : "False", "Done");
}
