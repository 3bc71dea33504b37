using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Activities.Sim.Tests;

public sealed class SimServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSimCloud_RegistersTheProviderOnTheRegisteredClock()
    {
        using var sim = new SimFixture("""{ "hydrateLatency": 0, "bootLatency": 60 }""");
        var clock = new FakeTimeProvider(sim.Time.GetUtcNow());
        await using var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddSimCloud().BuildServiceProvider();

        var provider = Assert.Single(services.GetServices<ICloudProvider>());
        await using var session = provider.Open(sim.Account);
        var disk = await session.HydrateAsync(sim.Hydrate("app-1", SimFixture.Blocks((0, 1))), default);
        var instance = await session.LaunchAsync(sim.Launch("app-1", disk), default);
        sim.Time.Advance(TimeSpan.FromMinutes(5));
        var untouched = await session.GetStateAsync(instance, default);
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(CloudKind.Sim, provider.Kind);
        Assert.Equal(InstancePhase.Pending, untouched.Phase);
        Assert.Equal(InstancePhase.Running, (await session.GetStateAsync(instance, default)).Phase);
    }

    [Fact]
    public void AddSimCloud_WithoutAClock_UsesTheSystemClock()
    {
        using var services = new ServiceCollection().AddSimCloud().BuildServiceProvider();

        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.IsType<SimCloudProvider>(services.GetRequiredService<ICloudProvider>());
    }
}
