using Failkit.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Expressions;

public sealed class ExpressionTests
{
    [Theory]
    [InlineData("Literal", "plain text", "plain text")]
    [InlineData("JavaScript", "'rto=' + (variables.Minutes * 60) + 's'", "rto=900s")]
    [InlineData("JavaScript", "getVariable('Minutes') + correlationId", "15run-1")]
    [InlineData("Liquid", "{{ Variables.Minutes | plus: 1 }} min for {{ CorrelationId | upcase }}", "16 min for RUN-1")]
    [InlineData("Variable", "Minutes", "15")]
    [InlineData("Input", "Vm", "db-01")]
    [InlineData("Object", "{\"region\":\"eu-west-1\"}", "{\"region\":\"eu-west-1\"}")]
    public async Task Expression_EvaluatesInItsLanguage(string language, string value, string expected)
    {
        await using var host = WorkflowTestHost.Create();
        var root = Act("Elsa.WriteLine", "w", ("text", Expr(language, value, "String")));

        var run = await host.RunAsync(
            Definition(root, variables: Variables(("Minutes", "Int32", 15))), new Dictionary<string, object?> { ["Vm"] = "db-01" }, "run-1");

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal([expected], host.Console.Lines);
    }

    [Theory]
    [InlineData("JavaScript", "if (")]
    [InlineData("Liquid", "{% if %}")]
    [InlineData("Object", "{not json")]
    public async Task SyntaxError_IsRejectedAtPublish_NamingActivityAndField(string language, string value)
    {
        await using var host = WorkflowTestHost.Create();
        var root = Sequence("s", Act("Elsa.WriteLine", "bad", ("text", Expr(language, value, "String"))));

        var ex = await Assert.ThrowsAsync<Core.Serialization.WorkflowValidationException>(() => host.PublishAsync(Definition(root)));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("bad", "text"), (error.ActivityId, error.Field));
        Assert.StartsWith($"{language} syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JavaScript_SetVariable_IsVisibleToLaterActivities()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Sequence("s",
            Act("Elsa.WriteLine", "a", ("text", Js("setVariable('Status', 'booted'); 'set'", "String"))),
            Act("Elsa.WriteLine", "b", ("text", Liquid("vm is {{ Variables.Status }}"))));

        await host.RunAsync(Definition(root, variables: Variables(("Status", "String", "pending"))));

        Assert.Equal(["set", "vm is booted"], host.Console.Lines);
    }

    [Theory]
    [InlineData("JavaScript", "while (true) {}", "statements")]
    [InlineData("JavaScript", "undefinedFunction()", "undefinedFunction")]
    [InlineData("JavaScript", "var a = []; while (true) { a.push('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' + a.length); }", "")]
    [InlineData("Liquid", "{{ Variables.Minutes | divided_by: 0 }}", "")]
    public async Task FailingExpression_RaisesIncidentOnActivity_NotACrash(string language, string value, string messagePart)
    {
        await using var host = WorkflowTestHost.Create();
        var root = Sequence("s", Act("Elsa.WriteLine", "bad", ("text", Expr(language, value, "String"))), WriteLine("after", "unreached"));
        var json = Definition(root, variables: Variables(("Minutes", "Int32", 15)));
        var definition = System.Text.Json.JsonSerializer.Deserialize<Core.Model.WorkflowDefinition>(json, WorkflowJson.Options)!;
        await host.Definitions.SaveAsync(definition, publish: false, CancellationToken.None);

        var run = await host.Runtime.StartAsync("wf", new Runtime.StartRequest { Version = Runtime.VersionOptions.Latest }, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        var incident = Assert.Single(run.Incidents);
        Assert.Equal("bad", incident.ActivityId);
        Assert.Contains($"{language} expression of input 'Text' on activity 'bad'", incident.Message, StringComparison.Ordinal);
        Assert.Contains(messagePart, incident.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.Console.Lines);
    }
}
