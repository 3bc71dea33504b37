using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim.Tests;

public sealed class SimSettingsTests
{
    [Theory]
    [InlineData("""{ "bootLatency": -5 }""", "bootLatency")]
    [InlineData("""{ "hydrateLatency": { "distribution": "uniform", "min": -1, "max": 3 } }""", "hydrateLatency.min")]
    [InlineData("""{ "appReadyDelay": { "distribution": "fixed", "seconds": -0.5 } }""", "appReadyDelay.seconds")]
    [InlineData("""{ "bootLatency": { "distribution": "gamma", "median": 40 } }""", "bootLatency.distribution")]
    [InlineData("""{ "bootLatency": { "median": 40, "p95": 90 } }""", "bootLatency.distribution")]
    [InlineData("""{ "bootLatency": { "distribution": "lognormal", "median": 60, "p95": 30 } }""", "bootLatency.p95")]
    [InlineData("""{ "bootLatency": { "distribution": "lognormal", "median": 0, "p95": 30 } }""", "bootLatency.median")]
    [InlineData("""{ "timeScale": 0 }""", "timeScale")]
    [InlineData("""{ "seed": "abc" }""", "seed")]
    [InlineData("""{ "maxConcurrency": 0 }""", "maxConcurrency")]
    [InlineData("""{ "rateLimits": { "LaunchEverything": { "perSecond": 1 } } }""", "rateLimits.LaunchEverything")]
    [InlineData("""{ "rateLimits": { "RunInstances": { "perSecond": -2 } } }""", "rateLimits.RunInstances.perSecond")]
    [InlineData("""{ "rateLimits": { "RunInstances": { "perSecond": 2, "burst": 0 } } }""", "rateLimits.RunInstances.burst")]
    [InlineData("""{ "quotas": { "maxInstances": 0 } }""", "quotas.maxInstances")]
    [InlineData("""{ "failures": { "throttleRate": { "vm-a": 1.5 } } }""", "failures.throttleRate.vm-a")]
    [InlineData("""{ "failures": { "bootFailure": "vm-a" } }""", "failures.bootFailure")]
    [InlineData("""{ "failures": { "leakDiskOnDelete": ["ok", 3] } }""", "failures.leakDiskOnDelete[1]")]
    [InlineData("""{ "bootLatancy": 5 }""", "bootLatancy")]
    public void BadSetting_IsRejectedNamingItsKey(string settings, string key)
    {
        using var sim = new SimFixture(settings);

        var error = Assert.Throws<CloudConfigurationException>(() => sim.Provider.Validate(sim.Account));

        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Throws<CloudConfigurationException>(() => sim.Provider.Open(sim.Account));
    }

    [Fact]
    public void AccountOfAnotherCloud_IsRejectedNamingTheKind()
    {
        using var sim = new SimFixture("{}");

        var error = Assert.Throws<CloudConfigurationException>(() => sim.Provider.Validate(sim.Account with { Kind = CloudKind.Aws }));

        Assert.Contains("'kind'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSettings_GivesTheDocumentedDefaults()
    {
        var settings = SimSettings.Parse([]);

        Assert.Equal(SimSettings.Default, settings);
        Assert.Equal(new RateLimit(2, 5), settings.RateLimits[SimOperations.RunInstances]);
    }

    [Fact]
    public void PlainNumberAndNullLimit_MeanFixedLatencyAndNoLimit()
    {
        var settings = SimSettings.Parse(JsonNode.Parse("""{ "bootLatency": 90, "rateLimits": { "DescribeInstances": null } }""")!.AsObject());

        Assert.Equal(new FixedLatency(90), settings.Boot);
        Assert.False(settings.RateLimits.ContainsKey(SimOperations.DescribeInstances));
        Assert.True(settings.RateLimits.ContainsKey(SimOperations.RunInstances));
    }
}
