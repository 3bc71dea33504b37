using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Descriptors;

public sealed class DescriptorEndpointsTests : ApiTest
{
    [Fact]
    public async Task Activities_HoldWriteLineForThePalette()
    {
        var list = await Client.GetObjectAsync("descriptors/activities?Refresh=True", Ct);

        var items = list["items"]!.AsArray();
        Assert.Equal(items.Count, (int)list["count"]!);
        var writeLine = items.Single(i => (string?)i!["typeName"] == "Elsa.WriteLine")!;
        Assert.True((bool)writeLine["isBrowsable"]!);
        Assert.Equal(1, (int)writeLine["version"]!);
        Assert.Equal("Action", (string?)writeLine["kind"]);
        Assert.False(string.IsNullOrEmpty((string?)writeLine["category"]));
        var text = writeLine["inputs"]!.AsArray().Single(i => (string?)i!["name"] == "Text")!;
        Assert.Equal("String", (string?)text["typeName"]);
        Assert.True((bool)text["isWrapped"]!);
        Assert.True((bool)text["isBrowsable"]!);
        var flowchart = items.Single(i => (string?)i!["typeName"] == "Elsa.Flowchart")!;
        Assert.False((bool)flowchart["isBrowsable"]!);
    }

    [Fact]
    public async Task ExpressionDescriptors_AreTheContractsList()
    {
        var list = await Client.GetObjectAsync("descriptors/expression-descriptors", Ct);

        var expected = JsonNode.Parse("""
            { "items": [
              { "type": "Literal",    "displayName": "Literal",    "isSerializable": true, "isBrowsable": false, "properties": {} },
              { "type": "Object",     "displayName": "Object",     "isSerializable": true, "isBrowsable": false, "properties": { "MonacoLanguage": "json" } },
              { "type": "JavaScript", "displayName": "JavaScript", "isSerializable": true, "isBrowsable": true,  "properties": { "MonacoLanguage": "javascript" } },
              { "type": "Liquid",     "displayName": "Liquid",     "isSerializable": true, "isBrowsable": true,  "properties": { "MonacoLanguage": "liquid" } },
              { "type": "Variable",   "displayName": "Variable",   "isSerializable": true, "isBrowsable": true,  "properties": {} }
            ], "count": 5 }
            """);
        Assert.True(JsonNode.DeepEquals(expected, list), list.ToJsonString());
    }

    [Theory]
    [InlineData("descriptors/workflow-activation-strategies")]
    [InlineData("descriptors/log-persistence-strategies")]
    [InlineData("descriptors/commit-strategies/activities")]
    [InlineData("descriptors/output-converters?sourceType=a&destinationType=b")]
    [InlineData("descriptors/some/future/list")]
    public async Task EveryDescriptorList_AnswersItems(string url) =>
        Assert.IsType<JsonArray>((await Client.GetObjectAsync(url, Ct))["items"]);

    [Fact]
    public async Task Strategies_OfferWhatTheEngineReads()
    {
        var incidents = (await Client.GetObjectAsync("descriptors/incident-strategies", Ct))["items"]!.AsArray();
        Assert.Equal(["Fault", "Continue"], incidents.Select(i => (string?)i!["displayName"]));
        Assert.Contains("Continue", (string?)incidents[1]!["typeName"], StringComparison.Ordinal);

        var commits = (await Client.GetObjectAsync("descriptors/commit-strategies/workflows", Ct))["items"]!.AsArray();
        Assert.Equal(["Default", "ActivityExecuted"], commits.Select(i => (string?)i!["name"]));

        var variables = (await Client.GetObjectAsync("descriptors/variables", Ct))["items"]!.AsArray();
        Assert.Contains(variables, v => (string?)v!["typeName"] == "String" && (string?)v["category"] == "Primitives");

        var drivers = (await Client.GetObjectAsync("descriptors/storage-drivers", Ct))["items"]!.AsArray();
        Assert.Equal("Workflow Instance", (string?)Assert.Single(drivers)!["displayName"]);
    }

    [Fact]
    public async Task Features_AreNone_AndTypeDefinitionsArePlainText()
    {
        var features = await Client.GetObjectAsync("features/installed", Ct);
        Assert.Empty(features["items"]!.AsArray());
        Assert.Equal(0, (int)features["count"]!);

        var response = await Client.PostJsonAsync("scripting/javascript/type-definitions/any", """{"workflowDefinitionId":"any","activityTypeName":"Elsa.WriteLine","propertyName":"text"}""", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("getVariable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
