using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim.Tests;

public sealed class SimFailuresTests
{
    [Fact]
    public async Task DiskThatLeaksOnDelete_IsReportedByTeardownAndReturnedBySweep()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0, "failures": { "leakDiskOnDelete": ["db-1"] } }""");
        await using var session = sim.Open();
        await sim.BootAsync(session, "web-1");
        var (leaky, _) = await sim.BootAsync(session, "db-1");

        var report = await session.TeardownAsync(sim.Drill, default);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(new CloudResource("disk", leaky.Id, "db-1"), failure.Resource);
        Assert.Contains("InjectedLeak", failure.Error, StringComparison.Ordinal);
        Assert.Equal(7, report.Deleted.Count);

        await using var verifier = sim.Open();
        var leftover = Assert.Single(await verifier.SweepAsync(sim.Drill, default));
        Assert.Equal(failure.Resource, leftover);
    }

    [Fact]
    public async Task BootFailure_GoesFailedAtItsSampledBootTimeAndStillTearsDown()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0, "bootLatency": 30, "failures": { "bootFailure": ["app-1"] } }""");
        await using var session = sim.Open();
        var (_, instance) = await sim.BootAsync(session, "app-1");
        var launched = sim.Time.GetUtcNow();

        sim.AdvanceTo(launched, TimeSpan.FromSeconds(29));
        Assert.Equal(InstancePhase.Pending, (await session.GetStateAsync(instance, default)).Phase);
        sim.AdvanceTo(launched, TimeSpan.FromSeconds(30));
        var state = await session.GetStateAsync(instance, default);
        var probe = await session.ProbeAsync(instance, new ProbeSpec("health", ProbeKind.Http), default);

        Assert.Equal((InstancePhase.Failed, false), (state.Phase, state.StatusChecksPassed));
        Assert.Contains("SIMULATED boot failure", state.Detail, StringComparison.Ordinal);
        Assert.False(probe.Passed);
        Assert.Empty((await session.TeardownAsync(sim.Drill, default)).Failures);
        Assert.Empty(await session.SweepAsync(sim.Drill, default));
    }

    [Fact]
    public async Task ProbeThatNeverPasses_FailsLongAfterAppReadyWhileOthersPass()
    {
        using var sim = new SimFixture("""
            { "hydrateLatency": 0, "bootLatency": 20, "appReadyDelay": 5, "failures": { "probeNeverPasses": ["broken"] } }
            """);
        await using var session = sim.Open();
        var (_, broken) = await sim.BootAsync(session, "broken");
        var (_, healthy) = await sim.BootAsync(session, "healthy");

        sim.Time.Advance(TimeSpan.FromHours(1));
        var spec = new ProbeSpec("port", ProbeKind.Tcp, Port: 443);
        var failing = await session.ProbeAsync(broken, spec, default);
        var passing = await session.ProbeAsync(healthy, spec, default);

        Assert.Equal(InstancePhase.Running, (await session.GetStateAsync(broken, default)).Phase);
        Assert.False(failing.Passed);
        Assert.StartsWith("SIMULATED", failing.Detail, StringComparison.Ordinal);
        Assert.Contains("never passes", failing.Detail, StringComparison.Ordinal);
        Assert.True(passing.Passed, passing.Detail);
    }

    [Fact]
    public async Task LaunchOverTheInstanceQuota_IsInstanceLimitExceededUntilAnInstanceIsTerminated()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0, "quotas": { "maxInstances": 2 } }""");
        await using var session = sim.Open();
        await sim.BootAsync(session, "a");
        await sim.BootAsync(session, "b");
        var disk = await session.HydrateAsync(sim.Hydrate("c", SimFixture.Blocks((0, 1))), default);

        var error = await Assert.ThrowsAsync<CloudOperationException>(() => session.LaunchAsync(sim.Launch("c", disk), default));
        Assert.Equal("InstanceLimitExceeded", error.ErrorCode);
        Assert.StartsWith("sim-", error.RequestId, StringComparison.Ordinal);
        Assert.Equal(2, sim.Cloud.Instances.Count);

        Assert.Empty((await session.TeardownAsync(sim.Drill, default)).Failures);
        var c = await session.HydrateAsync(sim.Hydrate("c", SimFixture.Blocks((0, 1)), key: "c-again"), default);
        Assert.NotNull(await session.LaunchAsync(sim.Launch("c", c), default));
    }
}
