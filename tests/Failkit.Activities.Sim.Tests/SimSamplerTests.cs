namespace Failkit.Activities.Sim.Tests;

public sealed class SimSamplerTests
{
    private static readonly SimSettings Realistic = SimSettings.Parse(System.Text.Json.Nodes.JsonNode.Parse("""
        { "seed": 3, "bootLatency": { "distribution": "lognormal", "median": 45, "p95": 120 },
          "hydrateLatency": { "distribution": "uniform", "min": 20, "max": 40 } }
        """)!.AsObject());

    [Fact]
    public void SameSeedAndName_SameSamplesWhateverTheOrder()
    {
        string[] names = ["a", "b", "c"];
        var forward = names.Select(vm => SimSampler.For(Realistic, vm)).ToArray();
        var backward = names.Reverse().Select(vm => SimSampler.For(Realistic, vm)).Reverse().ToArray();

        Assert.Equal(forward, backward);
        Assert.Equal(3, forward.Select(s => s.BootSeconds).Distinct().Count());
    }

    [Fact]
    public void OtherSeed_OtherSamples()
    {
        var other = Realistic with { Seed = 4 };

        Assert.NotEqual(SimSampler.For(Realistic, "a").BootSeconds, SimSampler.For(other, "a").BootSeconds);
    }

    [Fact]
    public async Task LaunchOrder_DoesNotChangeWhenAVmBoots()
    {
        async Task<Dictionary<string, double>> BootTimesAsync(string[] order)
        {
            using var sim = new SimFixture("""{ "seed": 3, "hydrateLatency": 0, "bootLatency": { "distribution": "uniform", "min": 10, "max": 100 } }""");
            await using var session = sim.Open();
            foreach (var vm in order)
            {
                await sim.BootAsync(session, vm);
            }

            return sim.Cloud.Instances.ToDictionary(i => i.VmName, i => i.Samples.BootSeconds);
        }

        var forward = await BootTimesAsync(["x", "y", "z"]);
        var backward = await BootTimesAsync(["z", "x", "y"]);

        Assert.Equal(forward.OrderBy(kv => kv.Key), backward.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void LogNormal_HitsItsMedianAndP95()
    {
        var boots = Enumerable.Range(0, 4000).Select(i => SimSampler.For(Realistic, $"vm-{i}").BootSeconds).Order().ToArray();

        Assert.InRange(boots[2000], 45 * 0.95, 45 * 1.05);
        Assert.InRange(boots[3800], 120 * 0.9, 120 * 1.1);
    }

    [Fact]
    public void Uniform_StaysWithinItsBoundsAndSpreadsOverThem()
    {
        var hydrates = Enumerable.Range(0, 2000).Select(i => SimSampler.For(Realistic, $"vm-{i}").HydrateSeconds).ToArray();

        Assert.All(hydrates, h => Assert.InRange(h, 20, 40));
        Assert.InRange(hydrates.Average(), 29.5, 30.5);
    }
}
