using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Definitions;

public sealed class DefinitionReadEndpointsTests : ApiTest
{
    [Fact]
    public async Task CreateWorkflowBody_FromStudioList_GetsNodeIdsArraysAndPublishLink()
    {
        var response = await Client.PostJsonAsync("workflow-definitions", Samples.CreateWorkflowBody, Ct);
        var reply = await response.ReadObjectAsync(HttpStatusCode.OK, Ct);

        var saved = reply["workflowDefinition"]!.AsObject();
        Assert.True(ApiClient.HasLink(saved, "publish"));
        Assert.Equal("Workflow1:e6842e4db25decc0", (string?)saved["root"]!["nodeId"]);
        Assert.IsType<JsonArray>(saved["root"]!["activities"]);
        Assert.IsType<JsonArray>(saved["root"]!["connections"]);
        Assert.False((bool)reply["alreadyPublished"]!);
        Assert.Equal(0, (int)reply["consumingWorkflowCount"]!);
        Assert.Empty(reply["validationErrors"]!.AsArray());

        var definitionId = (string)saved["definitionId"]!;
        Assert.False(string.IsNullOrEmpty(definitionId));
        var read = await Client.GetObjectAsync($"workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest", Ct);
        Assert.True((bool)read["isLatest"]!);
        Assert.False((bool)read["isPublished"]!);
        Assert.Equal(1, (int)read["version"]!);
        Assert.True(ApiClient.HasLink(read, "publish"));
        Assert.Equal("Workflow1:e6842e4db25decc0", (string?)read["root"]!["nodeId"]);
    }

    [Fact]
    public async Task Definition_OnTheWire_IsCamelCaseWithoutNullCollections()
    {
        await Client.SaveAsync(JsonNode.Parse(Samples.CreateWorkflowBody)!["model"]!.AsObject().Also(m => m["definitionId"] = "wire"), publish: false, Ct);

        var read = await Client.GetObjectAsync("workflow-definitions/by-definition-id/wire", Ct);

        foreach (var (key, value) in HttpJson.AllProperties(read).Where(p => p.Key != "MonacoLanguage"))
        {
            Assert.True(char.IsLower(key[0]), $"'{key}' is not camelCase");
            Assert.False(value is null && key is "variables" or "inputs" or "outputs" or "outcomes" or "customProperties" or "options" or "links", $"'{key}' is null");
        }

        Assert.False(read.ContainsKey("variables"));
        Assert.False(read.ContainsKey("options"));
    }

    [Fact]
    public async Task EveryActivity_GetsItsNodeId_AndUnknownKeysRoundTrip()
    {
        var write = Samples.WriteLine("w1", "hi");
        write["nodeId"] = "stale:value";
        write["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 210.5, ["y"] = 65 } } };
        write["someFutureElsaKey"] = new JsonObject { ["kept"] = true };
        await Client.SaveAsync(Samples.Definition("nodes", Samples.Chain(write)), publish: false, Ct);

        var read = await Client.GetObjectAsync("workflow-definitions/by-definition-id/nodes", Ct);

        var activity = read["root"]!["activities"]![0]!;
        Assert.Equal("Workflow1:flow1:w1", (string?)activity["nodeId"]);
        Assert.Equal(210.5, (double)activity["metadata"]!["designer"]!["position"]!["x"]!);
        Assert.True((bool)activity["someFutureElsaKey"]!["kept"]!);
    }

    [Fact]
    public async Task GetById_ReturnsThatVersion()
    {
        var saved = await Client.SaveAsync(Samples.Hello("by-id"), publish: true, Ct);
        var id = (string)saved["workflowDefinition"]!["id"]!;

        var read = await Client.GetObjectAsync($"workflow-definitions/by-id/{id}", Ct);

        Assert.Equal(id, (string?)read["id"]);
        Assert.True((bool)read["isPublished"]!);
    }

    [Theory]
    [InlineData("workflow-definitions/by-definition-id/nope")]
    [InlineData("workflow-definitions/by-definition-id/nope?versionOptions=Published")]
    [InlineData("workflow-definitions/by-id/nope")]
    public async Task UnknownDefinition_Is404Problem(string url)
    {
        var problem = await (await Client.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);

        Assert.Contains("nope", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ReadsTheStudiosPascalCaseQuery()
    {
        await Client.SaveAsync(Samples.Hello("list-a"), publish: true, Ct);
        await Client.SaveAsync(Samples.Hello("list-a", "v2"), publish: false, Ct);
        await Client.SaveAsync(Samples.Hello("list-b"), publish: false, Ct);
        await Client.SaveAsync(Samples.Hello("list-c"), publish: false, Ct);

        var history = await Client.GetObjectAsync(
            "workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=list-a&OrderBy=Version&OrderDirection=Descending", Ct);
        Assert.Equal(2, (int)history["totalCount"]!);
        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => (int)i!["version"]!));
        Assert.All(history["items"]!.AsArray(), i => Assert.True(ApiClient.HasLink(i, "publish")));
        Assert.True(ApiClient.HasLink(history, "bulk-publish"));

        var page = await Client.GetObjectAsync("workflow-definitions?versionOptions=Latest&Page=1&PageSize=2&SearchTerm=list-&IsSystem=False&OrderDirection=Ascending&OrderBy=Name", Ct);
        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.Equal("list-c", (string?)Assert.Single(page["items"]!.AsArray())!["definitionId"]);

        var published = await Client.GetObjectAsync("workflow-definitions?versionOptions=Published&DefinitionIds=list-a&DefinitionIds=list-b", Ct);
        Assert.Equal("list-a", (string?)Assert.Single(published["items"]!.AsArray())!["definitionId"]);

        var any = await Client.GetObjectAsync("workflow-definitions?versionOptions=", Ct);
        Assert.Equal(4, (int)any["totalCount"]!);
    }

    [Fact]
    public async Task List_BadPage_Is400Problem()
    {
        var problem = await (await Client.GetAsync("workflow-definitions?Page=first", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal("Page", (string?)problem["path"]);
    }

    [Fact]
    public async Task IsNameUnique_IgnoresTheDefinitionItself()
    {
        await Client.SaveAsync(Samples.Hello("named"), publish: false, Ct);

        Assert.False((bool)(await Client.GetObjectAsync("workflow-definitions/validation/is-name-unique?name=named", Ct))["isUnique"]!);
        Assert.True((bool)(await Client.GetObjectAsync("workflow-definitions/validation/is-name-unique?name=named&definitionId=named", Ct))["isUnique"]!);
        Assert.True((bool)(await Client.GetObjectAsync("workflow-definitions/validation/is-name-unique?name=Workflow%201", Ct))["isUnique"]!);
    }
}
