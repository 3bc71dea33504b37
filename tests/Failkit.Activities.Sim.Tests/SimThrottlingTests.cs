using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim.Tests;

public sealed class SimThrottlingTests
{
    [Fact]
    public async Task RunInstancesOverTheLimit_IsThrottledThenLaunchedAfterTheBucketsRetryAfter()
    {
        using var sim = new SimFixture("""
            { "hydrateLatency": 0, "bootLatency": 30, "rateLimits": { "RunInstances": { "perSecond": 1, "burst": 1 } } }
            """);
        await using var session = sim.Open();
        string[] vms = ["a", "b", "c"];
        var disks = new List<CloudDisk>();
        foreach (var vm in vms)
        {
            disks.Add(await session.HydrateAsync(sim.Hydrate(vm, SimFixture.Blocks((0, 1))), default));
        }

        var start = sim.Time.GetUtcNow();
        var launches = vms.Select((vm, i) => session.LaunchAsync(sim.Launch(vm, disks[i]), default)).ToArray();

        Assert.True(launches[0].IsCompletedSuccessfully);
        Assert.False(launches[1].IsCompleted);
        Assert.False(launches[2].IsCompleted);
        Assert.Equal(2, sim.Cloud.ThrottledCount(SimOperations.RunInstances));
        sim.AdvanceTo(start, TimeSpan.FromSeconds(1));
        await launches[1].WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(launches[2].IsCompleted);
        sim.AdvanceTo(start, TimeSpan.FromSeconds(2));
        await launches[2].WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, sim.Calls.ThrottledRetries);
        Assert.Equal(5, sim.Cloud.CallCount(SimOperations.RunInstances));
        Assert.Equal(
            [0d, 1d, 2d],
            sim.Cloud.Instances.OrderBy(i => i.VmName).Select(i => (i.LaunchedAt - start).TotalSeconds));
    }

    [Fact]
    public async Task WaveOfTwentyLaunches_QueuesFairlyAndLaunchesAtTheRateSimFloorAssumes()
    {
        using var sim = new SimFixture("""
            { "hydrateLatency": 0, "rateLimits": { "RunInstances": { "perSecond": 2, "burst": 1 } } }
            """);
        await using var session = sim.Open();
        var vms = Enumerable.Range(1, 20).Select(i => $"vm-{i:00}").ToArray();
        var disks = new List<CloudDisk>();
        foreach (var vm in vms)
        {
            disks.Add(await session.HydrateAsync(sim.Hydrate(vm, SimFixture.Blocks((0, 1))), default));
        }

        var start = sim.Time.GetUtcNow();
        var wave = Task.WhenAll(vms.Select((vm, i) => session.LaunchAsync(sim.Launch(vm, disks[i]), default)));
        await sim.DriveAsync(wave, TimeSpan.FromSeconds(0.5), TimeSpan.FromMinutes(1));

        // Each VM waited exactly once for its turn: no herd retrying into the same empty bucket.
        Assert.Equal(19, sim.Calls.ThrottledRetries);
        var last = sim.Cloud.Instances.Max(i => i.LaunchedAt) - start;
        Assert.Equal(SimFloor.LaunchSeconds(20, new RateLimit(2, 1)), last.TotalSeconds, 6);
    }

    [Fact]
    public async Task RateLimitUnderTimeScale_RetryAfterIsScaledToo()
    {
        using var sim = new SimFixture("""
            { "timeScale": 0.01, "hydrateLatency": 0, "rateLimits": { "RunInstances": { "perSecond": 1, "burst": 1 } } }
            """);
        await using var session = sim.Open();
        var a = await session.HydrateAsync(sim.Hydrate("a", SimFixture.Blocks((0, 1))), default);
        var b = await session.HydrateAsync(sim.Hydrate("b", SimFixture.Blocks((0, 1))), default);
        await session.LaunchAsync(sim.Launch("a", a), default);
        var start = sim.Time.GetUtcNow();

        var second = session.LaunchAsync(sim.Launch("b", b), default);
        sim.AdvanceTo(start, TimeSpan.FromMilliseconds(9));
        Assert.False(second.IsCompleted);
        sim.AdvanceTo(start, TimeSpan.FromMilliseconds(10));
        await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, sim.Calls.ThrottledRetries);
    }

    [Fact]
    public async Task InjectedThrottleRate_IsRetriedByCloudCallsAndReproducibleUnderTheSeed()
    {
        async Task<int> ThrottledLaunchesAsync()
        {
            using var sim = new SimFixture("""
                { "seed": 11, "hydrateLatency": 0,
                  "failures": { "throttleRate": { "noisy-1": 0.4, "noisy-2": 0.4, "noisy-3": 0.4, "noisy-4": 0.4 } } }
                """);
            await using var session = sim.Open();
            var step = TimeSpan.FromMilliseconds(50);
            foreach (var vm in new[] { "noisy-1", "noisy-2", "noisy-3", "noisy-4" })
            {
                var disk = await sim.DriveAsync(session.HydrateAsync(sim.Hydrate(vm, SimFixture.Blocks((0, 1))), default), step, TimeSpan.FromMinutes(5));
                await sim.DriveAsync(session.LaunchAsync(sim.Launch(vm, disk), default), step, TimeSpan.FromMinutes(5));
            }

            Assert.Equal(sim.Calls.ThrottledRetries, sim.Cloud.ThrottledCount(SimOperations.CreateDisk) + sim.Cloud.ThrottledCount(SimOperations.RunInstances));
            Assert.Equal(4 + sim.Cloud.ThrottledCount(SimOperations.RunInstances), sim.Cloud.CallCount(SimOperations.RunInstances));
            Assert.Equal(4, sim.Cloud.Instances.Count);
            return sim.Calls.ThrottledRetries;
        }

        var first = await ThrottledLaunchesAsync();
        var second = await ThrottledLaunchesAsync();

        Assert.InRange(first, 1, 28);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task AlwaysThrottled_GivesUpAfterCloudCallsAttempts()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0, "failures": { "throttleRate": { "stuck": 1 } } }""");
        await using var session = sim.Open();

        var attempt = session.HydrateAsync(sim.Hydrate("stuck", SimFixture.Blocks((0, 1))), default);
        var error = await Assert.ThrowsAsync<CloudThrottledException>(
            () => sim.DriveAsync(attempt, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)));

        Assert.Contains("SIMULATED", error.Message, StringComparison.Ordinal);
        Assert.Equal(sim.Calls.MaxAttempts, sim.Cloud.CallCount(SimOperations.CreateDisk));
    }
}
