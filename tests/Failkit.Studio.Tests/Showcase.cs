using System.Text.Json.Nodes;

namespace Failkit.Studio.Tests;

/// <summary>A runbook with one of each activity whose editors and ports the palette tests look at, side by side on
/// the top-level canvas (in the built-in runbook the probe sits inside the wave loop).</summary>
public static class Showcase
{
    public static JsonObject Model(string definitionId)
    {
        var activities = new JsonArray
        {
            Activity("start", "Elsa.Start", 0, 0),
            Activity("approval", "Failkit.ApprovalGate", 260, 0),
            Activity("probe", "Failkit.ProbeVms", 520, 0),
            Activity("verify", "Failkit.VerifyCleanup", 780, 0),
            Activity("boot", "Failkit.WaitForBootSignal", 0, 240),
            Activity("join", "Elsa.FlowJoin", 260, 240),
            Activity("child", "Elsa.ExecuteWorkflow", 520, 240),
        };
        activities[^1]!["workflowDefinitionId"] = Literal("String", "drill-cleanup");
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "flow", ["activities"] = activities, ["connections"] = new JsonArray() },
        };
    }

    public static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Activity(string id, string type, int x, int y) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["version"] = 1,
        ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } },
    };
}
