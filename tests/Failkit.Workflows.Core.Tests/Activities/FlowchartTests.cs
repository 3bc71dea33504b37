using Failkit.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class FlowchartTests
{
    [Fact]
    public async Task Flowchart_FollowsConnectionsFromStart()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Flowchart("f", [Act("Elsa.Start", "start"), WriteLine("a", "A"), WriteLine("b", "B")],
            ("start", "Done", "a"), ("a", "Done", "b"));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["A", "B"], host.Console.Lines);
    }

    [Fact]
    public async Task If_InFlowchart_TakesOnlyTheMatchingPort()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Flowchart("f",
            [Act("Elsa.If", "if", ("condition", Js("1 + 1 === 2", "Boolean"))), WriteLine("yes", "yes"), WriteLine("no", "no")],
            ("if", "True", "yes"), ("if", "False", "no"));

        await host.RunAsync(Definition(root));

        Assert.Equal(["yes"], host.Console.Lines);
    }

    [Fact]
    public async Task JoinWaitAll_RunsOnceAfterBothBranches()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Flowchart("f",
            [Act("Elsa.Start", "s"), WriteLine("l", "left"), WriteLine("r", "right"), Act("Elsa.FlowJoin", "j", ("mode", Lit("WaitAll", "String"))), WriteLine("after", "joined")],
            ("s", "Done", "l"), ("s", "Done", "r"), ("l", "Done", "j"), ("r", "Done", "j"), ("j", "Done", "after"));

        await host.RunAsync(Definition(root));

        Assert.Equal(["left", "right", "joined"], host.Console.Lines);
    }

    [Fact]
    public async Task JoinWaitAny_ContinuesOnFirstArrivalOnly()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Flowchart("f",
            [Act("Elsa.Start", "s"), WriteLine("l", "left"), WriteLine("r", "right"), Act("Elsa.FlowJoin", "j", ("mode", Lit("WaitAny", "String"))), WriteLine("after", "joined")],
            ("s", "Done", "l"), ("s", "Done", "r"), ("l", "Done", "j"), ("r", "Done", "j"), ("j", "Done", "after"));

        await host.RunAsync(Definition(root));

        Assert.Equal(1, host.Console.Lines.Count(l => l == "joined"));
    }

    [Fact]
    public async Task End_CompletesFlowchartAndCancelsWaitingBranch()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Flowchart("f",
            [Act("Elsa.Start", "s"), Act("Elsa.Event", "wait", ("eventName", Lit("never", "String"))), Act("Elsa.End", "end")],
            ("s", "Done", "wait"), ("s", "Done", "end"));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Empty(run.Bookmarks);
    }
}
