using System.Text.Json.Nodes;

namespace Failkit.Activities.Drills.Tests.Fixtures;

/// <summary>One drill activity as it appears in a runbook's Elsa JSON, with literal inputs, so each test shows only the
/// step it is about.</summary>
public static class Step
{
    public const string Id = "step";

    /// <param name="type">The activity's short name, e.g. <c>WaitForBootSignal</c> (the type is <c>Failkit.</c> + it).</param>
    /// <param name="inputs">Input name (camelCase, as the designer writes it), type alias and value.</param>
    public static JsonObject Of(string type, params (string Name, string TypeName, object? Value)[] inputs) => Named(Id, type, inputs);

    public static JsonObject Named(string id, string type, params (string Name, string TypeName, object? Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = $"Failkit.{type}", ["version"] = 1 };
        foreach (var (name, typeName, value) in inputs)
        {
            activity[name] = new JsonObject
            {
                ["typeName"] = typeName,
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = JsonValue.Create(value?.ToString()) },
            };
        }

        return activity;
    }

    public static (string, string, object?) Wave(int wave) => ("wave", "Int32", wave);

    public static (string, string, object?) Vm(string name) => ("vm", "String", name);

    public static (string, string, object?) Timeout(TimeSpan timeout) => ("timeout", "TimeSpan", timeout.ToString("c"));

    public static (string, string, object?) PollInterval(TimeSpan interval) => ("pollInterval", "TimeSpan", interval.ToString("c"));

    public static string Definition(string id, JsonObject root) =>
        new JsonObject { ["definitionId"] = id, ["name"] = id, ["root"] = root }.ToJsonString();

    /// <summary>The step alone in a flowchart, as it sits in the runbook.</summary>
    public static JsonObject Flowchart(JsonObject step) => new()
    {
        ["type"] = "Elsa.Flowchart",
        ["id"] = "flow",
        ["version"] = 1,
        ["activities"] = new JsonArray(step),
        ["connections"] = new JsonArray(),
    };

    /// <summary>Steps one after the other: how a test brings a drill to the state the step under test starts from.</summary>
    public static JsonObject Sequence(params JsonObject[] steps) => new()
    {
        ["type"] = "Elsa.Sequence",
        ["id"] = "sequence",
        ["version"] = 1,
        ["activities"] = new JsonArray(steps),
    };
}
