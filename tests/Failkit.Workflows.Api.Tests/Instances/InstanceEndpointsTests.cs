using System.Net;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Instances;

public sealed class InstanceEndpointsTests : ApiTest
{
    /// <summary>The body the Studio's instance list sends (contract 4.5).</summary>
    private const string StudioListBody = """
        {"page":0,"pageSize":10,"searchTerm":"","definitionId":null,"definitionIds":[],"correlationId":null,"version":null,"hasIncidents":null,
         "isSystem":false,"status":null,"statuses":[],"subStatus":null,"subStatuses":[],"orderBy":null,"orderDirection":"Descending","timestampFilters":[]}
        """;

    [Fact]
    public async Task List_TakesTheStudiosBody_AndFilters()
    {
        await Client.SaveAsync(Samples.Hello("done"), publish: true, Ct);
        await Client.SaveAsync(Samples.Definition("waits", Samples.Chain(Samples.WriteLine("w0", "start"), Samples.Event("e", "later"))), publish: true, Ct);
        var finished = await Client.ExecuteAsync("done", Ct, """{"correlationId":"a"}""");
        var suspended = await Client.ExecuteAsync("waits", Ct, """{"correlationId":"b"}""");

        var all = await (await Client.PostJsonAsync("workflow-instances", StudioListBody, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(2, (int)all["totalCount"]!);
        var row = all["items"]!.AsArray().Single(i => (string?)i!["id"] == finished)!;
        Assert.Equal("done", (string?)row["definitionId"]);
        Assert.Equal("Finished", (string?)row["status"]);
        Assert.Equal(1, (int)row["version"]!);
        Assert.Equal(0, (int)row["incidentCount"]!);
        Assert.NotNull(row["definitionVersionId"]);

        var running = await (await Client.PostJsonAsync("workflow-instances", """{"status":"Running"}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(suspended, (string?)Assert.Single(running["items"]!.AsArray())!["id"]);
        var bySub = await (await Client.PostJsonAsync("workflow-instances", """{"subStatuses":["Finished"],"definitionIds":["done","waits"]}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(finished, (string?)Assert.Single(bySub["items"]!.AsArray())!["id"]);
        var byCorrelation = await (await Client.PostJsonAsync("workflow-instances", """{"correlationId":"b","version":1,"hasIncidents":false}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(suspended, (string?)Assert.Single(byCorrelation["items"]!.AsArray())!["id"]);
        var interrupted = await (await Client.PostJsonAsync("workflow-instances", """{"subStatus":"Interrupted"}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(0, (int)interrupted["totalCount"]!);
    }

    [Fact]
    public async Task Get_ReturnsSummaryAndWorkflowState()
    {
        await Client.SaveAsync(Samples.Hello("state"), publish: true, Ct);
        var id = await Client.ExecuteAsync("state", Ct, """{"input":{"region":"eu-west-1"}}""");

        var instance = await Client.GetObjectAsync($"workflow-instances/{id}", Ct);

        Assert.Equal(id, (string?)instance["id"]);
        var state = instance["workflowState"]!;
        Assert.Equal("state", (string?)state["definitionId"]);
        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal("eu-west-1", (string?)state["input"]!["region"]);
        foreach (var key in new[] { "bookmarks", "incidents", "completionCallbacks", "activityExecutionContexts", "output", "properties" })
        {
            Assert.NotNull(state[key]);
        }
    }

    [Fact]
    public async Task VariablesAndExecutionState_OfAnInstance()
    {
        var model = Samples.Hello("vars");
        model["variables"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"id":"v1","name":"Region","typeName":"String","isArray":false,"value":"eu-west-1"}]""");
        await Client.SaveAsync(model, publish: true, Ct);
        var id = await Client.ExecuteAsync("vars", Ct);

        var variables = await Client.GetObjectAsync($"workflow-instances/{id}/variables", Ct);
        var variable = Assert.Single(variables["items"]!.AsArray())!;
        Assert.Equal("v1", (string?)variable["id"]);
        Assert.Equal("Region", (string?)variable["name"]);
        Assert.Equal("eu-west-1", (string?)variable["value"]);
        Assert.Equal(1, (int)variables["count"]!);

        var state = await Client.GetObjectAsync($"workflow-instances/{id}/execution-state", Ct);
        Assert.Equal("Finished", (string?)state["status"]);
        Assert.Equal("Finished", (string?)state["workflowSubStatus"]);
    }

    [Fact]
    public async Task Delete_RemovesTheInstance()
    {
        await Client.SaveAsync(Samples.Hello("del"), publish: true, Ct);
        var id = await Client.ExecuteAsync("del", Ct);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"workflow-instances/{id}", Ct)).StatusCode);

        await (await Client.GetAsync($"workflow-instances/{id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        await (await Client.DeleteAsync($"workflow-instances/{id}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [InlineData("workflow-instances/ghost")]
    [InlineData("workflow-instances/ghost/variables")]
    [InlineData("workflow-instances/ghost/execution-state")]
    [InlineData("workflow-instances/ghost/journal")]
    public async Task UnknownInstance_Is404Problem(string url) =>
        await (await Client.GetAsync(url, Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
}
