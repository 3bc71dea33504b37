using Failkit.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class JournalTests
{
    [Fact]
    public async Task SensitiveInput_IsEvaluatedButNeverJournaled()
    {
        await using var host = WorkflowTestHost.Create();
        var root = Act("Failkit.Tests.UseSecret", "login", ("user", Lit("ops", "String")), ("password", Lit("hunter2", "String")));

        var run = await host.RunAsync(Definition(root));

        var record = Assert.Single(await host.Services.GetRequiredServiceJournal(run.InstanceId));
        Assert.Equal("ops", record.Inputs!["User"]);
        Assert.Equal("***", record.Inputs!["Password"]);
        Assert.Equal(7, record.Outputs!["Result"]);
        Assert.DoesNotContain("hunter2", System.Text.Json.JsonSerializer.Serialize(record), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_RecordsTimesStatusAndOutcomes()
    {
        await using var host = WorkflowTestHost.Create();

        var run = await host.RunAsync(Definition(Act("Elsa.If", "if", ("condition", Lit(true, "Boolean")))));

        var record = Assert.Single(await host.Services.GetRequiredServiceJournal(run.InstanceId));
        Assert.Equal((ActivityStatus.Completed, "Elsa.If"), (record.Status, record.ActivityType));
        Assert.Equal(["True", "Done"], record.Outcomes);
        Assert.True(record.CompletedAt >= record.StartedAt);
    }
}

[Activity("Failkit.Tests", "Tests", "Uses a secret input.")]
public sealed class UseSecret : CodeActivity<int>
{
    [Input]
    public Input<string> User { get; set; } = new("");

    [Input(IsSensitive = true)]
    public Input<string> Password { get; set; } = new("");

    protected override void Execute(ActivityExecutionContext context) =>
        context.Set(Result, (context.Get(Password) ?? "").Length);
}
