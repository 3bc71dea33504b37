using System.Text.Json.Nodes;

namespace Failkit.Workflows.Bench;

/// <summary>The benchmark workflows, in Elsa's definition JSON.</summary>
public static class Definitions
{
    public const int SequenceLength = 20;

    public const string SequenceId = "bench-seq20";

    public const string WaitId = "bench-wait";

    /// <summary>The fork definitions are named by their width: bench-fork-500.</summary>
    public static string ForkId(int branches) => "bench-fork-" + branches;

    public const string EventName = "bench-go";

    /// <summary>Elsa.Sequence of 20 Failkit.Bench.Noop.</summary>
    public static string Sequence20() => Workflow(SequenceId, Sequence("s", Noops("n", SequenceLength)));

    /// <summary>Waits on an Elsa.Event bookmark, then runs one Noop.</summary>
    public static string WaitForEvent() => Workflow(WaitId, Sequence("s", [EventActivity("e"), Noop("after")]));

    /// <summary>Elsa.Fork (WaitAll) with one Noop per branch.</summary>
    public static string Fork(int branches) => Workflow(ForkId(branches), new JsonObject
    {
        ["type"] = "Elsa.Fork",
        ["id"] = "f",
        ["joinMode"] = Literal("WaitAll"),
        ["branches"] = new JsonArray([.. Noops("b", branches)]),
    });

    private static string Workflow(string id, JsonObject root) => new JsonObject
    {
        ["definitionId"] = id,
        ["name"] = id,
        ["root"] = root,
    }.ToJsonString();

    private static JsonObject Sequence(string id, IEnumerable<JsonNode> activities) => new()
    {
        ["type"] = "Elsa.Sequence",
        ["id"] = id,
        ["activities"] = new JsonArray([.. activities]),
    };

    private static IEnumerable<JsonNode> Noops(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => (JsonNode)Noop(prefix + i));

    private static JsonObject Noop(string id) => new() { ["type"] = "Failkit.Bench.Noop", ["id"] = id };

    private static JsonObject EventActivity(string id) => new()
    {
        ["type"] = "Elsa.Event",
        ["id"] = id,
        ["eventName"] = Literal(EventName),
    };

    private static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
