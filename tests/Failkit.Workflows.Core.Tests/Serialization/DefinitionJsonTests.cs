using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Testing;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core.Tests.Serialization;

public sealed class DefinitionJsonTests
{
    private static readonly string StudioSample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "studio-saved.json"));

    [Fact]
    public void StudioSavedDefinition_RoundTripsToEquivalentJson()
    {
        var original = JsonNode.Parse(StudioSample)!;

        var model = JsonSerializer.Deserialize<WorkflowDefinition>(StudioSample, WorkflowJson.Options)!;
        var saved = JsonSerializer.SerializeToNode(model, WorkflowJson.Options)!;

        Assert.True(JsonNode.DeepEquals(WithoutNulls(original), WithoutNulls(saved)), saved.ToJsonString());
        Assert.Equal("13bfae4626ddeb8a", (string?)saved["root"]!["activities"]![1]!["id"]);
    }

    [Fact]
    public void Serializer_OmitsNullCollections()
    {
        var json = JsonSerializer.SerializeToNode(new WorkflowDefinition { DefinitionId = "x", Name = "x" }, WorkflowJson.Options)!.AsObject();

        Assert.False(json.ContainsKey("variables"));
        Assert.False(json.ContainsKey("options"));
        Assert.Equal("x", (string?)json["definitionId"]);
    }

    [Fact]
    public async Task StudioSavedDefinition_LoadsAndRuns()
    {
        await using var host = WorkflowTestHost.Create();

        var run = await host.RunAsync(StudioSample);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Begin failover", "region=eu-west-1"], host.Console.Lines);
    }

    [Fact]
    public void NodeIds_AreRecomputedForEveryActivity()
    {
        var root = JsonNode.Parse("""
            { "id": "e6842e4db25decc0", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1",
              "activities": [ { "id": "a", "type": "Elsa.If", "nodeId": "stale", "then": { "id": "b", "type": "Elsa.WriteLine" } } ] }
            """)!.AsObject();

        Core.Serialization.NodeIds.Assign(root);

        Assert.Equal("Workflow1:e6842e4db25decc0", (string?)root["nodeId"]);
        Assert.Equal("Workflow1:e6842e4db25decc0:a", (string?)root["activities"]![0]!["nodeId"]);
        Assert.Equal("Workflow1:e6842e4db25decc0:a:b", (string?)root["activities"]![0]!["then"]!["nodeId"]);
    }

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray a => new JsonArray(a.Select(WithoutNulls).ToArray()),
        _ => node?.DeepClone(),
    };
}
