namespace Failkit.Activities.Sim.Tests;

public sealed class SimIdempotencyTests
{
    [Fact]
    public async Task LaunchRetriedFromANewSessionAfterACrash_ReturnsTheSameInstance()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0 }""");
        var crashed = sim.Open();
        var disk = await crashed.HydrateAsync(sim.Hydrate("app-1", SimFixture.Blocks((0, 1))), default);
        var first = await crashed.LaunchAsync(sim.Launch("app-1", disk, key: "drill-42/app-1/launch"), default);

        await using var resumed = sim.Open();
        var again = await resumed.HydrateAsync(sim.Hydrate("app-1", SimFixture.Blocks((0, 1))), default);
        var retried = await resumed.LaunchAsync(sim.Launch("app-1", again, key: "drill-42/app-1/launch"), default);

        Assert.Equal(disk.Id, again.Id);
        Assert.Equal((first.Id, first.PrivateAddress), (retried.Id, retried.PrivateAddress));
        Assert.Single(sim.Cloud.Instances);
        Assert.Single(sim.Cloud.Disks);
        Assert.Single(sim.Cloud.Resources, r => r.Type == "nic");
        Assert.Equal(2, sim.Cloud.CallCount(SimOperations.RunInstances));
    }

    [Fact]
    public async Task DifferentKeys_LaunchTwoInstances()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0 }""");
        await using var session = sim.Open();
        var a = await session.HydrateAsync(sim.Hydrate("app-1", SimFixture.Blocks((0, 1)), key: "k-a"), default);
        var b = await session.HydrateAsync(sim.Hydrate("app-1", SimFixture.Blocks((0, 1)), key: "k-b"), default);

        var first = await session.LaunchAsync(sim.Launch("app-1", a, key: "one"), default);
        var second = await session.LaunchAsync(sim.Launch("app-1", b, key: "two"), default);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, sim.Cloud.Instances.Count);
    }
}
