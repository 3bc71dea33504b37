using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Instances;

public sealed class JournalEndpointsTests : ApiTest
{
    private static readonly string[] RecordFields =
    [
        "id", "activityInstanceId", "activityId", "activityType", "activityTypeVersion", "activityName", "nodeId", "timestamp", "sequence", "eventName",
    ];

    [Fact]
    public async Task Journal_AsTheViewerAsksForIt_ListsStartedAndCompletedPerNode()
    {
        var id = await RunTwoLinesAsync();
        var body = """{"filter":{"activityIds":null,"activityNodeIds":["Workflow1:flow1:a","Workflow1:flow1:b"],"excludedActivityTypes":["Elsa.Workflow","Elsa.Flowchart"],"eventNames":null}}""";

        var journal = await (await Client.PostJsonAsync($"workflow-instances/{id}/journal?skip=0&take=110", body, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);

        var items = journal["items"]!.AsArray();
        Assert.Equal(4, (int)journal["totalCount"]!);
        Assert.Equal(["a:Started", "a:Completed", "b:Started", "b:Completed"], items.Select(i => $"{i!["activityId"]}:{i["eventName"]}"));
        var sequence = items.Select(i => (long)i!["sequence"]!).ToList();
        Assert.Equal(sequence.Order(), sequence);
        Assert.Equal(sequence.Count, sequence.Distinct().Count());
        foreach (var field in RecordFields)
        {
            Assert.All(items, i => Assert.NotNull(i![field]));
        }

        Assert.Equal("Elsa.WriteLine", (string?)items[0]!["activityType"]);
        Assert.Equal("first", (string?)items[0]!["activityState"]!["Text"]);
    }

    [Fact]
    public async Task Journal_GetAndPaging_IncludeTheFlowchart()
    {
        var id = await RunTwoLinesAsync();

        var all = await Client.GetObjectAsync($"workflow-instances/{id}/journal", Ct);
        Assert.Equal(6, (int)all["totalCount"]!);
        Assert.Contains(all["items"]!.AsArray(), i => (string?)i!["activityType"] == "Elsa.Flowchart");

        var page = await (await Client.PostJsonAsync($"workflow-instances/{id}/journal?skip=1&take=2", """{"filter":{"eventNames":["Completed"]}}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.Equal(2, page["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ActivityExecutions_ListSummariesAndReport_PerNode()
    {
        var id = await RunTwoLinesAsync();

        var list = await Client.GetObjectAsync($"activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId=Workflow1:flow1:a", Ct);
        var record = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal("Completed", (string?)record["status"]);
        Assert.Equal("Workflow1:flow1:a", (string?)record["activityNodeId"]);
        Assert.Equal("first", (string?)record["activityState"]!["Text"]);
        Assert.NotNull(record["completedAt"]);

        var summaries = await Client.GetObjectAsync($"activity-execution-summaries/list?WorkflowInstanceId={id}", Ct);
        Assert.Equal(3, (int)summaries["count"]!);
        Assert.All(summaries["items"]!.AsArray(), s => Assert.Null(s!["activityState"]));

        var unknown = await Client.GetObjectAsync("activity-executions/list?WorkflowInstanceId=ghost", Ct);
        Assert.Empty(unknown["items"]!.AsArray());

        var report = await (await Client.PostJsonAsync("activity-executions/report", new JsonObject
        {
            ["workflowInstanceId"] = id,
            ["activityNodeIds"] = new JsonArray("Workflow1:flow1:a", "Workflow1:flow1:never"),
        }, Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        var stats = report["stats"]!.AsArray();
        Assert.Equal(1, (int)stats[0]!["startedCount"]!);
        Assert.Equal(1, (int)stats[0]!["completedCount"]!);
        Assert.Equal(0, (int)stats[0]!["uncompletedCount"]!);
        Assert.Equal("a", (string?)stats[0]!["activityId"]);
        Assert.False((bool)stats[0]!["isFaulted"]!);
        Assert.Equal(0, (int)stats[1]!["startedCount"]!);
    }

    [Fact]
    public async Task FaultedActivity_ShowsAsFaultedEventIncidentAndStat()
    {
        var fault = new JsonObject
        {
            ["id"] = "boom",
            ["type"] = "Elsa.Fault",
            ["version"] = 1,
            ["message"] = Samples.Wrapped("String", "Literal", "disk full"),
        };
        await Client.SaveAsync(Samples.Definition("faulty", Samples.Chain(Samples.WriteLine("a", "first"), fault)), publish: true, Ct);
        var id = await Client.ExecuteAsync("faulty", Ct);

        var instance = await Client.GetObjectAsync($"workflow-instances/{id}", Ct);
        Assert.Equal("Faulted", (string?)instance["subStatus"]);
        Assert.Equal(1, (int)instance["incidentCount"]!);
        Assert.Equal("boom", (string?)instance["workflowState"]!["incidents"]![0]!["activityId"]);

        var journal = await (await Client.PostJsonAsync($"workflow-instances/{id}/journal", """{"filter":{"eventNames":["Faulted"],"activityIds":["boom"]}}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Contains("disk full", (string?)Assert.Single(journal["items"]!.AsArray())!["message"], StringComparison.Ordinal);

        var report = await (await Client.PostJsonAsync("activity-executions/report", $$"""{"workflowInstanceId":"{{id}}","activityNodeIds":["Workflow1:flow1:boom"]}""", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.True((bool)report["stats"]![0]!["isFaulted"]!);
    }

    private async Task<string> RunTwoLinesAsync()
    {
        await Client.SaveAsync(Samples.Definition("journal", Samples.Chain(Samples.WriteLine("a", "first"), Samples.WriteLine("b", "second"))), publish: true, Ct);
        return await Client.ExecuteAsync("journal", Ct);
    }
}
