using System.Text.Json.Nodes;

namespace Failkit.Activities.Notifications.Tests;

/// <summary>One-activity workflow definitions in Elsa JSON, as a definition on disk would carry them.</summary>
internal static class Flows
{
    public static string Single(string definitionId, string type, JsonObject inputs, JsonObject? customProperties = null)
    {
        var activity = new JsonObject { ["type"] = type, ["id"] = "step" };
        foreach (var (name, value) in inputs)
        {
            activity[name] = new JsonObject
            {
                ["typeName"] = "String",
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value?.DeepClone() },
            };
        }

        if (customProperties is not null)
        {
            activity["customProperties"] = customProperties;
        }

        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject { ["type"] = "Elsa.Sequence", ["id"] = "root", ["activities"] = new JsonArray(activity) },
        }.ToJsonString();
    }
}
