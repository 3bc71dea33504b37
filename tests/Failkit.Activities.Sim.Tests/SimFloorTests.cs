using System.Text.Json.Nodes;

namespace Failkit.Activities.Sim.Tests;

public sealed class SimFloorTests
{
    [Fact]
    public void TinyPlan_MatchesTheHandComputation()
    {
        // Every VM takes 10 + 50 + 5 s (a log-normal with p95 = median has no spread); 2 launches per second, burst 1.
        var settings = JsonNode.Parse("""
            { "timeScale": 0.1, "hydrateLatency": 10, "bootLatency": { "distribution": "lognormal", "median": 50, "p95": 50 },
              "appReadyDelay": { "distribution": "uniform", "min": 5, "max": 5 },
              "rateLimits": { "RunInstances": { "perSecond": 2, "burst": 1 } } }
            """)!.AsObject();

        var floor = SimFloor.Compute(settings, [["a", "b", "c"], ["d"]]);

        // Wave 1: 65 + (3 - 1) / 2 = 66. Wave 2: 65 + 0 = 65.
        Assert.Equal(131, floor.SimulatedSeconds, 9);
        Assert.Equal(13.1, floor.RealSeconds, 9);
        Assert.Equal([66d, 65d], floor.Waves.Select(w => Math.Round(w.Seconds, 9)));
        // Lower bound: wave 1 max(65, 1 + 55) = 65, wave 2 max(65, 0 + 55) = 65.
        Assert.Equal(130, floor.LowerBoundSeconds, 9);
    }

    [Fact]
    public void Burst_LetsTheFirstLaunchesThroughAtOnce()
    {
        var limit = new RateLimit(PerSecond: 2, Burst: 5);

        Assert.Equal(0, SimFloor.LaunchSeconds(5, limit));
        Assert.Equal(2.5, SimFloor.LaunchSeconds(10, limit));
        Assert.Equal(0, SimFloor.LaunchSeconds(10, null));
    }

    [Fact]
    public void SampledPlan_TakesEachWavesSlowestVmFromTheSimsOwnSamples()
    {
        var json = JsonNode.Parse("""
            { "seed": 5, "bootLatency": { "distribution": "uniform", "min": 10, "max": 100 },
              "rateLimits": { "RunInstances": { "perSecond": 4, "burst": 1 } } }
            """)!.AsObject();
        var settings = SimSettings.Parse(json);
        IReadOnlyList<IReadOnlyList<string>> waves = [["db-1", "db-2"], ["app-1", "app-2", "app-3"], ["web-1"]];

        var floor = SimFloor.Compute(json, waves);

        var byHand = waves.Sum(w => w.Max(vm => SimSampler.For(settings, vm).TotalSeconds) + ((w.Count - 1) / 4.0));
        Assert.Equal(byHand, floor.SimulatedSeconds, 9);
        Assert.InRange(floor.LowerBoundSeconds, waves.Sum(w => w.Max(vm => SimSampler.For(settings, vm).TotalSeconds)), floor.SimulatedSeconds);
        Assert.Equal(waves[1].MaxBy(vm => SimSampler.For(settings, vm).TotalSeconds), floor.Waves[1].Slowest!.VmName);
    }
}
