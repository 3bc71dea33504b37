namespace Failkit.Workflows.Core.Activities;

/// <summary>Runs its body as long as the condition holds; the condition is evaluated before each iteration.</summary>
[Activity("Elsa", "Looping", "Execute the body while a condition is true.")]
public sealed class While : Activity
{
    [Input(Description = "Evaluated before each iteration.", UIHint = "singleline", DefaultSyntax = "JavaScript")]
    public Input<bool> Condition { get; set; } = new(false);

    [Port]
    public IActivity? Body { get; set; }

    public override IEnumerable<IActivity> GetChildren() => Body is null ? [] : [Body];

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) => Iterate(context);

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) => Iterate(context);

    private ValueTask Iterate(ActivityExecutionContext context)
    {
        if (Body is null || !context.Get(Condition))
        {
            return context.CompleteAsync();
        }

        context.ScheduleActivity(Body);
        return ValueTask.CompletedTask;
    }
}
