using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Failkit.Workflows.Core.Activities;

/// <summary>A case of Switch or FlowSwitch: <c>{label, condition:{type,value}, activity?}</c>.</summary>
public sealed class SwitchCase
{
    public string Label { get; set; } = "";

    public Expression? Condition { get; set; }

    [JsonPropertyName("activity")]
    public JsonObject? ActivityJson { get; set; }

    [JsonIgnore]
    public IActivity? Activity { get; set; }

    [JsonIgnore]
    internal Input<bool>? ConditionInput { get; set; }

    /// <summary>Evaluates the condition in the context of the switch activity.</summary>
    public bool Matches(ActivityExecutionContext context) => ConditionInput is not null && context.Get(ConditionInput);

    internal static void Prepare(IEnumerable<SwitchCase> cases, string switchNodeId, MaterializeContext materialize)
    {
        foreach (var c in cases)
        {
            if (c.Condition is not null)
            {
                c.ConditionInput = new Input<bool>(c.Condition);
                c.ConditionInput.Name = "Case " + c.Label;
            }

            if (c.ActivityJson is not null)
            {
                c.Activity = materialize.Build(c.ActivityJson, switchNodeId);
            }
        }
    }
}
