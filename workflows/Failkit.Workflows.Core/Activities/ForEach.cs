using System.Collections;

namespace Failkit.Workflows.Core.Activities;

/// <summary>Runs its body once per item, in order. The current item is the CurrentValue output.</summary>
[Activity("Elsa", "Looping", "Iterate over a collection of items.")]
public sealed class ForEach : Activity
{
    [Input(Description = "The items to iterate over.", UIHint = "multitext")]
    public Input<object> Items { get; set; } = new(Expression.Literal(null));

    [Port]
    public IActivity? Body { get; set; }

    [Output(Description = "The item of the current iteration.")]
    public Output<object> CurrentValue { get; set; } = new();

    public override IEnumerable<IActivity> GetChildren() => Body is null ? [] : [Body];

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = context.Get(Items) switch
        {
            null => [],
            string s => [s],
            IEnumerable e => e.Cast<object?>().ToList(),
            var single => new List<object?> { single },
        };
        context.SetProperty("items", items);
        return Next(context, items, 0);
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        Next(context, context.GetProperty<List<object?>>("items") ?? [], context.GetProperty<int>("index") + 1);

    private ValueTask Next(ActivityExecutionContext context, List<object?> items, int index)
    {
        if (index >= items.Count || Body is null)
        {
            return context.CompleteAsync();
        }

        context.SetProperty("index", index);
        context.SetProperty("currentValue", items[index]);
        context.Set(CurrentValue, items[index]);
        context.ScheduleActivity(Body);
        return ValueTask.CompletedTask;
    }
}
