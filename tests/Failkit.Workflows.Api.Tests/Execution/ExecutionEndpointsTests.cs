using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Execution;

public sealed class ExecutionEndpointsTests : ApiTest
{
    [Fact]
    public async Task Execute_RunsInline_AndReturnsTheInstanceIdHeader()
    {
        await Client.SaveAsync(Samples.Hello("run", "from the api"), publish: true, Ct);

        var response = await Client.PostJsonAsync("workflow-definitions/run/execute", """{"correlationId":"c-1","triggerActivityId":null,"versionOptions":null,"input":{"n":1}}""", Ct);

        var body = await response.ReadObjectAsync(HttpStatusCode.OK, Ct);
        var id = Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
        Assert.Equal(id, (string?)body["workflowState"]!["id"]);
        Assert.Equal("Finished", (string?)body["workflowState"]!["status"]);
        Assert.Equal("c-1", (string?)body["workflowState"]!["correlationId"]);
        Assert.Contains("from the api", Server.Console.Lines);
    }

    [Fact]
    public async Task StudioRun_WithLatest_RunsTheDraft()
    {
        await Client.SaveAsync(Samples.Hello("draft-run", "draft text"), publish: false, Ct);

        await Client.ExecuteAsync("draft-run", Ct, """{"correlationId":null,"triggerActivityId":null,"versionOptions":"Latest","input":null}""");

        Assert.Contains("draft text", Server.Console.Lines);
    }

    [Fact]
    public async Task Execute_NothingPublished_AnswersCannotStart()
    {
        await Client.SaveAsync(Samples.Hello("unpublished"), publish: false, Ct);

        var response = await Client.PostAsync("workflow-definitions/unpublished/execute", null, Ct);

        await response.ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("True", Assert.Single(response.Headers.GetValues("x-elsa-workflow-cannot-start")));
        Assert.False(response.Headers.Contains("x-elsa-workflow-instance-id"));
    }

    [Theory]
    [InlineData("execute")]
    [InlineData("dispatch")]
    public async Task StartUnknownDefinition_Is404Problem(string verb) =>
        await (await Client.PostJsonAsync($"workflow-definitions/ghost/{verb}", "{}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);

    [Fact]
    public async Task Dispatch_QueuesAPendingInstance()
    {
        await Client.SaveAsync(Samples.Hello("queued"), publish: true, Ct);

        var response = await Client.PostJsonAsync("workflow-definitions/queued/dispatch", "{}", Ct);

        var id = (string)(await response.ReadObjectAsync(HttpStatusCode.OK, Ct))["workflowInstanceId"]!;
        Assert.Equal(id, Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id")));
        var instance = await Client.GetObjectAsync($"workflow-instances/{id}", Ct);
        Assert.Equal("Pending", (string?)instance["subStatus"]);
    }

    [Fact]
    public async Task EventTrigger_ResumesTheWaitingInstance()
    {
        var root = Samples.Chain(Samples.WriteLine("before", "before"), Samples.Event("wait", "approved"), Samples.WriteLine("after", "after"));
        await Client.SaveAsync(Samples.Definition("approval", root), publish: true, Ct);
        var id = await Client.ExecuteAsync("approval", Ct, """{"correlationId":"ticket-7"}""");
        var waiting = await Client.GetObjectAsync($"workflow-instances/{id}", Ct);
        Assert.Equal("Suspended", (string?)waiting["subStatus"]);
        Assert.Equal("approved", (string?)waiting["workflowState"]!["bookmarks"]![0]!["hash"]);

        var other = await (await Client.PostJsonAsync("events/approved/trigger", """{"correlationId":"ticket-8","payload":{}}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Empty(other["resumedInstanceIds"]!.AsArray());

        var result = await (await Client.PostJsonAsync("events/approved/trigger", """{"correlationId":"ticket-7","payload":{"by":"ops"}}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(id, (string?)Assert.Single(result["resumedInstanceIds"]!.AsArray()));
        Assert.Equal("Finished", (string?)(await Client.GetObjectAsync($"workflow-instances/{id}", Ct))["subStatus"]);
        Assert.Contains("after", Server.Console.Lines);
    }

    [Fact]
    public async Task ResumeByBookmark_RunsOn_AndUnknownBookmarkIs404Problem()
    {
        // The first Event of a flowchart is a trigger, which an API start fires at once; put one activity before it.
        await Client.SaveAsync(Samples.Definition("resume", Samples.Chain(Samples.WriteLine("w0", "start"), Samples.Event("wait", "go"), Samples.WriteLine("done", "resumed"))), publish: true, Ct);
        var id = await Client.ExecuteAsync("resume", Ct);
        var bookmarkId = (string)(await Client.GetObjectAsync($"workflow-instances/{id}", Ct))["workflowState"]!["bookmarks"]![0]!["id"]!;

        var unknown = await Client.PostJsonAsync($"workflow-instances/{id}/resume", """{"bookmarkId":"nope","input":null}""", Ct);
        var problem = await unknown.ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        Assert.Contains("nope", (string?)problem["detail"], StringComparison.Ordinal);
        await (await Client.PostJsonAsync("workflow-instances/ghost/resume", $$"""{"bookmarkId":"{{bookmarkId}}"}""", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);

        var resumed = await Client.PostJsonAsync($"workflow-instances/{id}/resume", new JsonObject { ["bookmarkId"] = bookmarkId, ["input"] = new JsonObject { ["ok"] = true } }, Ct);

        Assert.Equal("Finished", (string?)(await resumed.ReadObjectAsync(HttpStatusCode.OK, Ct))["workflowState"]!["subStatus"]);
        Assert.Contains("resumed", Server.Console.Lines);
    }

    [Fact]
    public async Task Cancel_FinishesAWaitingInstanceAsCancelled()
    {
        await Client.SaveAsync(Samples.Definition("cancel", Samples.Chain(Samples.WriteLine("w0", "start"), Samples.Event("wait", "never"))), publish: true, Ct);
        var id = await Client.ExecuteAsync("cancel", Ct);

        var cancelled = await (await Client.PostAsync($"cancel/workflow-instances/{id}", null, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("Cancelled", (string?)cancelled["subStatus"]);
        await (await Client.PostAsync("cancel/workflow-instances/ghost", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
    }
}
