using Failkit.Testing;
using Failkit.Workflows.Core.Activities;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class PrimitivesTests
{
    [Fact]
    public async Task Event_SuspendsUntilPublished_ThenOutputsPayload()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Sequence("s",
            Act("Elsa.Event", "approve", ("eventName", Lit("drill-approved", "String")), ("result", new System.Text.Json.Nodes.JsonObject { ["memoryReference"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "Approver-id" } })),
            Act("Elsa.WriteLine", "w", ("text", Js("'approved by ' + variables.Approver.name", "String"))));

        var run = await host.RunAsync(Definition(root, variables: Variables(("Approver", "Object", null))), correlationId: "drill-7");
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        var bookmark = Assert.Single(run.Bookmarks);
        Assert.Equal((Event.BookmarkName, "drill-approved"), (bookmark.Name, bookmark.Hash));

        var other = await host.Runtime.PublishEventAsync("drill-approved", "another-drill", null, CancellationToken.None);
        Assert.Empty(other.Resumed);
        var result = await host.Runtime.PublishEventAsync("drill-approved", "drill-7", new Dictionary<string, object?> { ["name"] = "ana" }, CancellationToken.None);

        Assert.Equal([run.InstanceId], result.Resumed);
        Assert.Equal(["approved by ana"], host.Console.Lines);
    }

    [Fact]
    public async Task EventTrigger_StartsPublishedWorkflow()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Flowchart("f",
            [Act("Elsa.Event", "on", ("eventName", Lit("incident-opened", "String")), ("customProperties", new System.Text.Json.Nodes.JsonObject { ["canStartWorkflow"] = true })), Act("Elsa.WriteLine", "w", ("text", Js("'paged for ' + input.payload", "String")))],
            ("on", "Done", "w"));
        await host.PublishAsync(Definition(root, id: "pager"));

        var result = await host.Runtime.PublishEventAsync("incident-opened", null, "db-down", CancellationToken.None);

        Assert.Single(result.Started);
        Assert.Equal(["paged for db-down"], host.Console.Lines);
    }

    [Fact]
    public async Task SetVariable_ConvertsToVariableType()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Act("Elsa.SetVariable", "set", ("variable", new System.Text.Json.Nodes.JsonObject { ["id"] = "Rto-id", ["name"] = "Rto", ["typeName"] = "Double" }), ("value", Lit("42.5", "Object")));

        var run = await host.RunAsync(Definition(root, variables: Variables(("Rto", "Double", null))));

        Assert.Equal(42.5, run.State.Variables["Rto"]);
    }

    [Fact]
    public async Task Finish_EndsWorkflowAndCancelsOtherBranches()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Act("Elsa.Fork", "fork", ("branches", new System.Text.Json.Nodes.JsonArray(
            Act("Elsa.Event", "wait", ("eventName", Lit("never", "String"))),
            Sequence("s", Act("Elsa.Finish", "fin"), WriteLine("unreached", "unreached")))));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Empty(run.Bookmarks);
        Assert.Empty(host.Console.Lines);
    }

    [Fact]
    public async Task Fault_FaultsWorkflowWithCodeAndMessage()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Sequence("s", Act("Elsa.Fault", "boom", ("code", Lit("RTO_BREACH", "String")), ("message", Lit("RTO 31m > 30m", "String"))), WriteLine("after", "unreached"));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        var incident = Assert.Single(run.Incidents);
        Assert.Equal("boom", incident.ActivityId);
        Assert.Contains("RTO_BREACH: RTO 31m > 30m", incident.Message, StringComparison.Ordinal);
        Assert.Empty(host.Console.Lines);
    }

    [Fact]
    public async Task ExecuteWorkflow_RunsChildAndWaitsForIt()
    {
        await using var host = WorkflowTestHost.Create();
        await host.PublishAsync(Definition(Sequence("c", WriteLine("c1", "child ran"), Act("Elsa.Event", "hold", ("eventName", Lit("child-go", "String"))), WriteLine("c2", "child done")), id: "child"));
        var parent = Sequence("p", Act("Elsa.ExecuteWorkflow", "run", ("workflowDefinitionId", Lit("child", "String"))), WriteLine("p2", "parent continues"));

        var run = await host.RunAsync(Definition(parent, id: "parent"));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        Assert.Equal(["child ran"], host.Console.Lines);

        await host.Runtime.PublishEventAsync("child-go", null, null, CancellationToken.None);
        await host.DrainAsync();

        Assert.Equal(["child ran", "child done", "parent continues"], host.Console.Lines);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.Runtime.GetStateAsync(run.InstanceId)).SubStatus);
    }

    [Fact]
    public async Task Log_WritesWithoutLoggerToConsole()
    {
        await using var host = WorkflowTestHost.Create();

        await host.RunAsync(Definition(Act("Elsa.Log", "log", ("message", Lit("drill started", "String")))));

        Assert.Equal(["drill started"], host.Console.Lines);
    }
}
