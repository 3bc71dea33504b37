using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim.Tests;

public sealed class SimSessionDrillTests
{
    private const string Settings = """
        {
          "seed": 7,
          "hydrateLatency": { "distribution": "uniform", "min": 20, "max": 40 },
          "bootLatency": { "distribution": "lognormal", "median": 45, "p95": 120 },
          "appReadyDelay": 10
        }
        """;

    private static readonly string[] Vms = ["web-1", "web-2", "db-1"];

    [Fact]
    public async Task ThreeVmDrill_HydratesBootsProbesAndLeavesNothing()
    {
        using var sim = new SimFixture(Settings);
        await using var session = sim.Open();
        Assert.True(session.Simulated);
        var blocks = Vms.ToDictionary(vm => vm, vm => SimFixture.Blocks((0, 0x11), (3, (byte)vm.Length), (7, 0xEE)));

        var start = sim.Time.GetUtcNow();
        var hydrating = Vms.ToDictionary(vm => vm, vm => session.HydrateAsync(sim.Hydrate(vm, blocks[vm]), default));
        var firstReady = Vms.Min(vm => sim.Samples(vm).HydrateSeconds);
        sim.AdvanceTo(start, TimeSpan.FromSeconds(firstReady - 0.5));
        Assert.All(hydrating.Values, t => Assert.False(t.IsCompleted));
        sim.AdvanceTo(start, TimeSpan.FromSeconds(Vms.Max(vm => sim.Samples(vm).HydrateSeconds)));
        var disks = new Dictionary<string, CloudDisk>();
        foreach (var (vm, task) in hydrating)
        {
            disks[vm] = await task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        foreach (var vm in Vms)
        {
            var disk = sim.Cloud.Disks.Single(d => d.Id == disks[vm].Id);
            Assert.Equal((3, 3L * SimFixture.BlockSize), (disk.BlocksWritten, disk.BytesWritten));
            Assert.Equal(SimFixture.Digest(blocks[vm]), disk.ContentSha256);
            Assert.Equal(sim.Drill, disk.Tags[DrillTags.Key]);
            Assert.Equal("failkit-tests", disk.Tags["owner"]);
        }

        var launched = sim.Time.GetUtcNow();
        var instances = new Dictionary<string, CloudInstance>();
        foreach (var vm in Vms)
        {
            instances[vm] = await session.LaunchAsync(sim.Launch(vm, disks[vm]), default);
            Assert.StartsWith("10.", instances[vm].PrivateAddress, StringComparison.Ordinal);
            Assert.NotEmpty(instances[vm].RequestIds);
        }

        Assert.All(sim.Cloud.Instances, i => Assert.Equal((sim.Drill, i.VmName), (i.Tags[DrillTags.Key], i.Tags[DrillTags.VmKey])));
        foreach (var vm in Vms.OrderBy(vm => sim.Samples(vm).BootSeconds))
        {
            var boot = TimeSpan.FromSeconds(sim.Samples(vm).BootSeconds);
            sim.AdvanceTo(launched, boot - TimeSpan.FromMilliseconds(10));
            Assert.Equal(InstancePhase.Pending, (await session.GetStateAsync(instances[vm], default)).Phase);
            sim.AdvanceTo(launched, boot);
            var running = await session.GetStateAsync(instances[vm], default);
            Assert.Equal((InstancePhase.Running, true), (running.Phase, running.StatusChecksPassed));
            Assert.StartsWith("SIMULATED", running.Detail, StringComparison.Ordinal);
            var early = await session.ProbeAsync(instances[vm], new ProbeSpec("health", ProbeKind.Http, "http://{address}:8080/health"), default);
            Assert.False(early.Passed, early.Detail);
        }

        sim.AdvanceTo(launched, TimeSpan.FromSeconds(Vms.Max(vm => sim.Samples(vm).BootSeconds) + 10));
        foreach (var vm in Vms)
        {
            var http = await session.ProbeAsync(instances[vm], new ProbeSpec("health", ProbeKind.Http, "http://{address}:8080/health"), default);
            var tcp = await session.ProbeAsync(instances[vm], new ProbeSpec("db", ProbeKind.Tcp, Port: 5432), default);
            var script = await session.ProbeAsync(instances[vm], new ProbeSpec("svc", ProbeKind.Script, Script: "systemctl is-active app"), default);
            Assert.All([http, tcp, script], p => Assert.True(p.Passed, p.Detail));
            Assert.All([http, tcp, script], p => Assert.StartsWith("SIMULATED", p.Detail, StringComparison.Ordinal));
            Assert.Contains(instances[vm].PrivateAddress!, http.Detail, StringComparison.Ordinal);
            Assert.NotNull(script.RequestId);
        }

        var report = await session.TeardownAsync(sim.Drill, default);
        Assert.Empty(report.Failures);
        Assert.Equal(
            ["disk", "disk", "disk", "instance", "instance", "instance", "ip", "ip", "ip", "nic", "nic", "nic"],
            report.Deleted.Select(r => r.Type).Order());
        Assert.Equal("instance", report.Deleted[0].Type);
        Assert.Empty(await session.SweepAsync(sim.Drill, default));
        Assert.Equal(InstancePhase.Terminated, (await session.GetStateAsync(instances["db-1"], default)).Phase);
    }

    [Fact]
    public async Task TerminatedInstance_IsDescribableForAnHourThenGone()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0 }""");
        await using var session = sim.Open();
        var (_, instance) = await sim.BootAsync(session, "app-1");
        await session.TeardownAsync(sim.Drill, default);

        sim.Time.Advance(SimCloud.TerminatedRetention);
        await session.SweepAsync(sim.Drill, default);
        Assert.Equal(InstancePhase.Terminated, (await session.GetStateAsync(instance, default)).Phase);
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        await session.SweepAsync(sim.Drill, default);

        Assert.Empty(sim.Cloud.Resources);
        var gone = await Assert.ThrowsAsync<CloudOperationException>(() => session.GetStateAsync(instance, default));
        Assert.Equal("InvalidInstanceID.NotFound", gone.ErrorCode);
    }

    [Fact]
    public async Task TimeScale_BootTakesScaledRealTimeAndReportsBoth()
    {
        using var sim = new SimFixture("""{ "timeScale": 0.01, "hydrateLatency": 0, "bootLatency": 90, "appReadyDelay": 0 }""");
        await using var session = sim.Open();
        var (_, instance) = await sim.BootAsync(session, "app-1");
        var launched = sim.Time.GetUtcNow();

        sim.AdvanceTo(launched, TimeSpan.FromSeconds(0.89));
        Assert.Equal(InstancePhase.Pending, (await session.GetStateAsync(instance, default)).Phase);
        sim.AdvanceTo(launched, TimeSpan.FromSeconds(0.9));
        var state = await session.GetStateAsync(instance, default);

        Assert.Equal(InstancePhase.Running, state.Phase);
        Assert.Contains("90.0 s simulated (0.90 s real at time scale 0.01)", state.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockOutsideTheDisk_IsACloudOperationErrorWithCodeAndRequestId()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0 }""");
        await using var session = sim.Open();

        var error = await Assert.ThrowsAsync<CloudOperationException>(
            () => session.HydrateAsync(sim.Hydrate("app-1", SimFixture.Blocks((16, 1))), default));

        Assert.Equal("InvalidBlock", error.ErrorCode);
        Assert.StartsWith("sim-", error.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInstance_IsNotFoundWithRequestId()
    {
        using var sim = new SimFixture("{}");
        await using var session = sim.Open();

        var error = await Assert.ThrowsAsync<CloudOperationException>(
            () => session.GetStateAsync(new CloudInstance("i-sim-missing", null, []), default));

        Assert.Equal("InvalidInstanceID.NotFound", error.ErrorCode);
        Assert.NotNull(error.RequestId);
    }
}
