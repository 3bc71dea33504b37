using System.Text.Json.Nodes;
using Failkit.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class LoopingTests
{
    [Fact]
    public async Task ForEach_RunsBodyPerItem_WithCurrentValueBoundToVariable()
    {
        await using var host = WorkflowTestHost.Create();
        var forEach = Act("Elsa.ForEach", "fe",
            ("items", Expr("Object", "[\"web\", \"db\", \"cache\"]")),
            ("currentValue", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Vm-id" } }),
            ("body", Act("Elsa.WriteLine", "w", ("text", Liquid("boot {{ Variables.Vm }}")))));

        await host.RunAsync(Definition(forEach, variables: Variables(("Vm", "String", null))));

        Assert.Equal(["boot web", "boot db", "boot cache"], host.Console.Lines);
    }

    [Fact]
    public async Task While_LoopsUntilConditionFails()
    {
        await using var host = WorkflowTestHost.Create();
        var body = Sequence("body",
            Act("Elsa.WriteLine", "w", ("text", Js("'n=' + variables.N", "String"))),
            Act("Elsa.SetVariable", "inc", ("variable", new JsonObject { ["id"] = "N-id", ["name"] = "N", ["typeName"] = "Int32" }), ("value", Js("variables.N + 1"))));
        var root = Act("Elsa.While", "loop", ("condition", Js("variables.N < 3", "Boolean")), ("body", body));

        var run = await host.RunAsync(Definition(root, variables: Variables(("N", "Int32", 0))));

        Assert.Equal(["n=0", "n=1", "n=2"], host.Console.Lines);
        Assert.Equal(3, run.State.Variables["N"]);
    }

    [Fact]
    public async Task Fork_WaitAll_RunsEveryBranch()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Sequence("s",
            Act("Elsa.Fork", "fork", ("joinMode", Lit("WaitAll", "String")), ("branches", new JsonArray(WriteLine("a", "a"), WriteLine("b", "b"), WriteLine("c", "c")))),
            WriteLine("after", "after"));

        await host.RunAsync(Definition(root));

        Assert.Equal(["a", "b", "c", "after"], host.Console.Lines);
    }

    [Fact]
    public async Task Fork_WaitAny_CancelsOtherBranches()
    {
        await using var host = WorkflowTestHost.Create();
        var branches = new JsonArray(WriteLine("fast", "fast"), Act("Elsa.Event", "slow", ("eventName", Lit("never", "String"))));
        var root = Sequence("s", Act("Elsa.Fork", "fork", ("joinMode", Lit("WaitAny", "String")), ("branches", branches)), WriteLine("after", "after"));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["fast", "after"], host.Console.Lines);
        Assert.Empty(run.Bookmarks);
    }
}
