using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Activities;

/// <summary>In a flowchart: completes with the label of the first (or every) matching case, or <c>Default</c>.</summary>
[Activity("Elsa", "Branching", "Take the outcome port named after the matching case.")]
public sealed class FlowSwitch : Activity
{
    [Input(Description = "The cases; each label becomes an outcome port.", UIHint = "flow-switch-editor")]
    public List<SwitchCase> Cases { get; set; } = [];

    [Input(Description = "MatchFirst takes the first matching case; MatchAny takes them all.", Options = ["MatchFirst", "MatchAny"])]
    public Input<string> Mode { get; set; } = new("MatchFirst");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matched = Cases.Where(c => c.Matches(context)).Select(c => c.Label).ToList();
        if (context.Get(Mode) != "MatchAny")
        {
            matched = matched.Take(1).ToList();
        }

        return context.CompleteAsync(matched.Count == 0 ? ["Default"] : [.. matched]);
    }

    protected internal override void OnMaterialized(JsonObject source, MaterializeContext context) =>
        SwitchCase.Prepare(Cases, NodeId, context);
}
