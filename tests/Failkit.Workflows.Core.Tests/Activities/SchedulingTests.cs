using Failkit.Testing;
using Failkit.Workflows.Core.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Failkit.Workflows.Core.Tests.Wf;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class SchedulingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Delay_SuspendsOnTimer_AndResumesWhenDue()
    {
        await using var host = WorkflowTestHost.Create(s => s.AddSingleton<TimeProvider>(_time));
        var root = Sequence("s", Act("Elsa.Delay", "d", ("timeSpan", Lit("00:05:00", "TimeSpan"))), WriteLine("w", "after delay"));

        var run = await host.RunAsync(Definition(root));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), Assert.Single(run.Bookmarks).ResumeAt);

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await host.DrainAsync());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await host.DrainAsync());

        var state = await host.Runtime.GetStateAsync(run.InstanceId);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal(["after delay"], host.Console.Lines);
    }

    [Fact]
    public async Task Timer_InsideWorkflow_WaitsOneInterval()
    {
        await using var host = WorkflowTestHost.Create(s => s.AddSingleton<TimeProvider>(_time));
        var root = Sequence("s", WriteLine("w0", "first"), Act("Elsa.Timer", "t", ("interval", Lit("PT30S", "TimeSpan"))), WriteLine("w", "tick"));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(_time.GetUtcNow().AddSeconds(30), Assert.Single(run.Bookmarks).ResumeAt);
    }

    [Fact]
    public void Cron_NextOccurrence_HonoursTimeZone()
    {
        var after = new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

        var next = Cron.NextOccurrence("*/15 2-4 * * MON-FRI", "Europe/Berlin", after);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public async Task Cron_InsideWorkflow_WaitsForNextOccurrence()
    {
        await using var host = WorkflowTestHost.Create(s => s.AddSingleton<TimeProvider>(_time));
        var root = Sequence("s", WriteLine("w0", "first"), Act("Elsa.Cron", "c", ("cronExpression", Lit("0 9 * * *", "String"))), WriteLine("w", "nine"));

        var run = await host.RunAsync(Definition(root));

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero), Assert.Single(run.Bookmarks).ResumeAt);
    }
}
