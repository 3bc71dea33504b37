using System.Text.Json.Nodes;
using Failkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class IncidentTests
{
    [Fact]
    public async Task RetryPolicy_RetriesWithExponentialBackoff_ThenSucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var flaky = new Flaky { FailuresLeft = 2 };
        await using var host = WorkflowTestHost.Create(s => s.AddSingleton<TimeProvider>(time).AddSingleton(flaky));
        var act = Act("Failkit.Tests.FlakyStep", "flaky");
        act["customProperties"] = new JsonObject { ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 3, ["initialDelayMs"] = 1000, ["backoffFactor"] = 2 } };

        var run = await host.RunAsync(Definition(Sequence("s", act, WriteLine("after", "recovered"))));
        Assert.Equal(time.GetUtcNow().AddSeconds(1), Assert.Single(run.Bookmarks).ResumeAt);
        time.Advance(TimeSpan.FromSeconds(1));
        await host.DrainAsync();
        var second = await host.Runtime.GetStateAsync(run.InstanceId);
        Assert.Equal(time.GetUtcNow().AddSeconds(2), Assert.Single(second.Bookmarks).ResumeAt);
        time.Advance(TimeSpan.FromSeconds(2));
        await host.DrainAsync();

        var final = await host.Runtime.GetStateAsync(run.InstanceId);
        Assert.Equal(WorkflowSubStatus.Finished, final.SubStatus);
        Assert.Equal(3, flaky.Calls);
        Assert.Equal(["recovered"], host.Console.Lines);
        var record = (await host.Services.GetRequiredServiceJournal(run.InstanceId)).Single(r => r.ActivityId == "flaky");
        Assert.Equal(3, record.Attempts);
    }

    [Fact]
    public async Task RetriesExhausted_FaultStrategy_FaultsWorkflow()
    {
        var flaky = new Flaky { FailuresLeft = 5 };
        await using var host = WorkflowTestHost.Create(s => s.AddSingleton(flaky));
        var act = Act("Failkit.Tests.FlakyStep", "flaky");
        act["customProperties"] = new JsonObject { ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 2 } };

        var run = await host.RunAsync(Definition(Sequence("s", act, WriteLine("after", "unreached"))));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Equal(2, flaky.Calls);
        Assert.Equal(2, Assert.Single(run.Incidents).Attempts);
    }

    [Fact]
    public async Task ContinueStrategy_RecordsIncident_AndOtherBranchesGoOn()
    {
        var flaky = new Flaky { FailuresLeft = 1 };
        await using var host = WorkflowTestHost.Create(s => s.AddSingleton(flaky));
        var root = Flowchart("f", [Act("Elsa.Start", "s"), Act("Failkit.Tests.FlakyStep", "flaky"), WriteLine("after", "not after fault"), WriteLine("other", "other branch")],
            ("s", "Done", "flaky"), ("flaky", "Done", "after"), ("s", "Done", "other"));
        var options = new JsonObject { ["incidentStrategyType"] = "Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core" };

        var run = await host.RunAsync(Definition(root, options: options));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Single(run.Incidents);
        Assert.Equal(["other branch"], host.Console.Lines);
    }
}

/// <summary>Fails a given number of times, then succeeds.</summary>
public sealed class Flaky
{
    public int FailuresLeft { get; set; }

    public int Calls { get; set; }
}

[Activity("Failkit.Tests", "Tests", "Fails until told otherwise.")]
public sealed class FlakyStep : CodeActivity
{
    protected override void Execute(ActivityExecutionContext context)
    {
        var flaky = context.GetRequiredService<Flaky>();
        flaky.Calls++;
        if (flaky.FailuresLeft-- > 0)
        {
            throw new InvalidOperationException("transient cloud error");
        }
    }
}
