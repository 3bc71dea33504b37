using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Serialization;

/// <summary>Recomputes <c>nodeId</c> on every activity of a root document. Elsa Studio crashes on a missing nodeId,
/// and clients send stale ones, so the server derives them on every save and read.</summary>
public static class NodeIds
{
    public const string WorkflowPrefix = "Workflow1";

    public static void Assign(JsonObject root)
    {
        if (root["id"] is null)
        {
            root["id"] = Guid.NewGuid().ToString("N")[..16];
        }

        Walk(root, WorkflowPrefix);
    }

    private static void Walk(JsonObject activity, string parentNodeId)
    {
        var nodeId = parentNodeId + ":" + (string?)activity["id"];
        activity["nodeId"] = nodeId;
        foreach (var (key, value) in activity.ToList())
        {
            if (key is "metadata" or "customProperties" or "connections")
            {
                continue;
            }

            VisitChild(value, nodeId);
        }
    }

    private static void VisitChild(JsonNode? node, string parentNodeId)
    {
        switch (node)
        {
            case JsonObject o when IsActivity(o):
                Walk(o, parentNodeId);
                break;
            case JsonObject o when o["activity"] is JsonObject a && IsActivity(a):
                Walk(a, parentNodeId);
                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    VisitChild(item, parentNodeId);
                }

                break;
        }
    }

    private static bool IsActivity(JsonObject o) =>
        o["type"] is JsonValue t && t.TryGetValue<string>(out _) && o["id"] is JsonValue i && i.TryGetValue<string>(out _);
}
