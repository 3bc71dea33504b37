using System.Text.Json.Nodes;
using Failkit.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class BranchingTests
{
    [Theory]
    [InlineData(true, "then")]
    [InlineData(false, "else")]
    public async Task If_RunsEmbeddedBranch(bool condition, string expected)
    {
        await using var host = WorkflowTestHost.Create();
        var root = Act("Elsa.If", "if", ("condition", Lit(condition, "Boolean")), ("then", WriteLine("t", "then")), ("else", WriteLine("e", "else")));

        await host.RunAsync(Definition(root));

        Assert.Equal([expected], host.Console.Lines);
    }

    [Fact]
    public async Task Switch_MatchFirst_RunsFirstMatchingCase()
    {
        await using var host = WorkflowTestHost.Create();
        var cases = new JsonArray(
            Case("small", "variables.Size < 10", WriteLine("c1", "small")),
            Case("medium", "variables.Size < 100", WriteLine("c2", "medium")),
            Case("any", "true", WriteLine("c3", "any")));
        var root = Act("Elsa.Switch", "sw", ("cases", cases), ("mode", Lit("MatchFirst", "String")));

        await host.RunAsync(Definition(root, variables: Variables(("Size", "Int32", 42))));

        Assert.Equal(["medium"], host.Console.Lines);
    }

    [Fact]
    public async Task Switch_MatchAny_RunsAllMatchingCases_AndDefaultWhenNone()
    {
        await using var host = WorkflowTestHost.Create();
        var cases = new JsonArray(Case("a", "true", WriteLine("c1", "a")), Case("b", "true", WriteLine("c2", "b")));
        await host.RunAsync(Definition(Act("Elsa.Switch", "sw", ("cases", cases), ("mode", Lit("MatchAny", "String"))), id: "any"));
        var none = new JsonArray(Case("a", "false", WriteLine("c1", "a")));
        await host.RunAsync(Definition(Act("Elsa.Switch", "sw", ("cases", none), ("default", WriteLine("d", "default"))), id: "none"));

        Assert.Equal(["a", "b", "default"], host.Console.Lines);
    }

    [Fact]
    public async Task FlowSwitch_CompletesWithMatchingLabel()
    {
        await using var host = WorkflowTestHost.Create();
        var cases = new JsonArray(Case("eu", "input.Region === 'eu'", null), Case("us", "input.Region === 'us'", null));
        var root = Flowchart("f",
            [Act("Elsa.FlowSwitch", "sw", ("cases", cases)), WriteLine("eu", "to eu"), WriteLine("us", "to us"), WriteLine("other", "default")],
            ("sw", "eu", "eu"), ("sw", "us", "us"), ("sw", "Default", "other"));

        await host.RunAsync(Definition(root), new Dictionary<string, object?> { ["Region"] = "us" });

        Assert.Equal(["to us"], host.Console.Lines);
    }

    private static JsonObject Case(string label, string js, JsonObject? activity)
    {
        var c = new JsonObject { ["label"] = label, ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = js } };
        if (activity is not null)
        {
            c["activity"] = activity;
        }

        return c;
    }
}
