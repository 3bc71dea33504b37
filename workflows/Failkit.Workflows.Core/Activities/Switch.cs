using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Activities;

/// <summary>Runs the activity of the first matching case (MatchFirst) or of every matching case (MatchAny).</summary>
[Activity("Elsa", "Branching", "Run the activity of the matching case.")]
public sealed class Switch : Activity
{
    [Input(Description = "The cases to evaluate.", UIHint = "switch-editor")]
    public List<SwitchCase> Cases { get; set; } = [];

    [Input(Description = "MatchFirst runs the first matching case; MatchAny runs all matching cases.", Options = ["MatchFirst", "MatchAny"])]
    public Input<string> Mode { get; set; } = new("MatchFirst");

    [Port]
    public IActivity? Default { get; set; }

    public override IEnumerable<IActivity> GetChildren() =>
        Cases.Select(c => c.Activity).Append(Default).OfType<IActivity>();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matchAny = context.Get(Mode) == "MatchAny";
        var matched = Cases.Where(c => c.Matches(context)).ToList();
        var targets = (matchAny ? matched : matched.Take(1)).Select(c => c.Activity).OfType<IActivity>().ToList();
        if (matched.Count == 0 && Default is not null)
        {
            targets.Add(Default);
        }

        if (targets.Count == 0)
        {
            return context.CompleteAsync();
        }

        context.SetProperty("remaining", targets.Count);
        foreach (var t in targets)
        {
            context.ScheduleActivity(t);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var remaining = context.GetProperty<int>("remaining") - 1;
        context.SetProperty("remaining", remaining);
        return remaining <= 0 ? context.CompleteAsync() : ValueTask.CompletedTask;
    }

    protected internal override void OnMaterialized(JsonObject source, MaterializeContext context) =>
        SwitchCase.Prepare(Cases, NodeId, context);
}
