using System.Text.Json.Nodes;

namespace Failkit.Workflows.Api.Tests;

/// <summary>Definitions in the Elsa JSON shape the Studio sends.</summary>
public static class Samples
{
    /// <summary>The body "Create workflow" in the Studio's definition list sends (contract 4.3), verbatim.</summary>
    public const string CreateWorkflowBody = """
        { "model": { "definitionId": null, "name": "Workflow 1", "description": null, "toolVersion": "3.8.0.0",
                     "variables": null, "inputs": null, "outputs": null, "outcomes": null, "customProperties": null,
                     "isReadonly": false, "options": null,
                     "root": { "id": "e6842e4db25decc0", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1" },
                     "links": null, "createdAt": "0001-01-01T00:00:00+00:00", "version": 1,
                     "isLatest": true, "isPublished": false, "id": null },
          "publish": null }
        """;

    public static JsonObject Wrapped(string typeName, string language, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = language, ["value"] = value },
        ["memoryReference"] = null,
    };

    public static JsonObject WriteLine(string id, string text, string language = "Literal") => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.WriteLine",
        ["version"] = 1,
        ["name"] = id,
        ["text"] = Wrapped("String", language, text),
    };

    public static JsonObject Event(string id, string eventName) => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.Event",
        ["version"] = 1,
        ["name"] = id,
        ["eventName"] = Wrapped("String", "Literal", eventName),
    };

    public static JsonObject Connection(string from, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    /// <summary>A flowchart running <paramref name="activities"/> one after the other.</summary>
    public static JsonObject Chain(params JsonObject[] activities)
    {
        var connections = new JsonArray();
        for (var i = 1; i < activities.Length; i++)
        {
            connections.Add(Connection((string)activities[i - 1]["id"]!, (string)activities[i]["id"]!));
        }

        return Flowchart(new JsonArray(activities), connections);
    }

    public static JsonObject Flowchart(JsonArray activities, JsonArray connections) => new()
    {
        ["type"] = "Elsa.Flowchart",
        ["version"] = 1,
        ["id"] = "flow1",
        ["metadata"] = new JsonObject(),
        ["activities"] = activities,
        ["connections"] = connections,
    };

    public static JsonObject Definition(string definitionId, JsonObject root, string? name = null) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name ?? definitionId,
        ["toolVersion"] = "3.8.0.0",
        ["variables"] = new JsonArray(),
        ["options"] = new JsonObject { ["autoUpdateConsumingWorkflows"] = false },
        ["root"] = root,
        ["links"] = null,
        ["createdAt"] = "2025-01-01T00:00:00+00:00",
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["id"] = null,
    };

    public static JsonObject Save(JsonObject model, bool? publish) => new() { ["model"] = model, ["publish"] = publish };

    public static JsonObject Hello(string definitionId, string text = "hello") => Definition(definitionId, Chain(WriteLine("w1", text)));
}
