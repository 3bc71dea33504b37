using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Tests;

/// <summary>Builds Elsa-shaped definition JSON for tests, so each test shows only the graph it is about.</summary>
internal static class Wf
{
    public static JsonObject Act(string type, string id, params (string Key, JsonNode? Value)[] inputs)
    {
        var a = new JsonObject { ["type"] = type, ["id"] = id, ["version"] = 1 };
        foreach (var (k, v) in inputs)
        {
            a[k] = v;
        }

        return a;
    }

    public static JsonObject Lit(object? value, string typeName = "Object") => Expr("Literal", value, typeName);

    public static JsonObject Js(string code, string typeName = "Object") => Expr("JavaScript", code, typeName);

    public static JsonObject Liquid(string template) => Expr("Liquid", template, "String");

    public static JsonObject Expr(string type, object? value, string typeName = "Object") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = JsonValue.Create(value) } };

    public static JsonObject WriteLine(string id, string text) => Act("Elsa.WriteLine", id, ("text", Lit(text, "String")));

    public static JsonObject Sequence(string id, params JsonObject[] activities) =>
        Act("Elsa.Sequence", id, ("activities", new JsonArray(activities)));

    public static JsonObject Flowchart(string id, JsonObject[] activities, params (string From, string Port, string To)[] connections) =>
        Act("Elsa.Flowchart", id,
            ("activities", new JsonArray(activities)),
            ("connections", new JsonArray(connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = c.Port },
                ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
                ["vertices"] = new JsonArray(),
            }).ToArray())));

    public static string Definition(JsonObject root, string id = "wf", JsonArray? variables = null, JsonObject? options = null)
    {
        var d = new JsonObject { ["definitionId"] = id, ["name"] = id, ["root"] = root };
        if (variables is not null)
        {
            d["variables"] = variables;
        }

        if (options is not null)
        {
            d["options"] = options;
        }

        return d.ToJsonString();
    }

    public static JsonArray Variables(params (string Name, string Type, object? Value)[] vars) =>
        new(vars.Select(v => (JsonNode)new JsonObject { ["id"] = v.Name + "-id", ["name"] = v.Name, ["typeName"] = v.Type, ["value"] = JsonValue.Create(v.Value) }).ToArray());
}
