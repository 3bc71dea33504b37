using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Failkit.Activities.Sim;

/// <summary>The simulated cloud's parameters, read from the account's <c>Settings</c> JSON. Every key is optional;
/// the defaults are a realistic mid-size cloud account (see docs/decisions/drills-sim-provider.md).</summary>
/// <param name="Seed">Makes every sampled latency and injected throttle reproducible.</param>
/// <param name="TimeScale">Real seconds per simulated second: 0.01 makes a 90 s boot take 0.9 s.</param>
/// <param name="MaxConcurrency">The per-account cap on calls in flight (<c>CloudCalls</c>).</param>
/// <param name="RateLimits">Token buckets per operation, in simulated time; an operation absent here is unlimited.</param>
/// <param name="MaxInstances">Quota: instances not yet terminated, across all drills of the account.</param>
public sealed record SimSettings(
    long Seed,
    double TimeScale,
    int MaxConcurrency,
    Latency Hydrate,
    Latency Boot,
    Latency AppReady,
    IReadOnlyDictionary<string, RateLimit> RateLimits,
    int MaxInstances,
    SimFailures Failures)
{
    public static IReadOnlyDictionary<string, RateLimit> DefaultRateLimits { get; } = new Dictionary<string, RateLimit>
    {
        [SimOperations.CreateDisk] = new(5, 20),
        [SimOperations.RunInstances] = new(2, 5),
        [SimOperations.DescribeInstances] = new(20, 100),
        [SimOperations.RunCommand] = new(5, 20),
        [SimOperations.DeleteResource] = new(5, 50),
        [SimOperations.DescribeResources] = new(20, 100),
    }.ToFrozenDictionary();

    public static SimSettings Default { get; } = new(
        Seed: 1,
        TimeScale: 1,
        MaxConcurrency: 16,
        Hydrate: new LogNormalLatency(60, 180),
        Boot: new LogNormalLatency(45, 120),
        AppReady: new UniformLatency(10, 30),
        RateLimits: DefaultRateLimits,
        MaxInstances: 1000,
        Failures: SimFailures.None);

    /// <summary>Simulated seconds to real time on the injected clock.</summary>
    public TimeSpan Real(double simulatedSeconds) => TimeSpan.FromSeconds(simulatedSeconds * TimeScale);

    /// <summary>Reads and checks the account's settings; throws <see cref="Drills.Cloud.CloudConfigurationException"/>
    /// naming the offending key.</summary>
    public static SimSettings Parse(JsonObject? settings) => SimSettingsParser.Parse(settings);
}

/// <param name="PerSecond">Refill rate in simulated seconds.</param>
/// <param name="Burst">Bucket size: this many calls pass at once before the rate applies.</param>
public sealed record RateLimit(double PerSecond, double Burst)
{
    public override string ToString() => $"{PerSecond:0.###}/s, burst {Burst:0.###}";
}

/// <summary>Failures injected by VM name.</summary>
/// <param name="ThrottleRate">Probability in [0, 1] that a call about the VM is throttled, on top of the rate limits.</param>
public sealed record SimFailures(
    IReadOnlySet<string> BootFailure,
    IReadOnlySet<string> ProbeNeverPasses,
    IReadOnlySet<string> LeakDiskOnDelete,
    IReadOnlyDictionary<string, double> ThrottleRate)
{
    public static SimFailures None { get; } = new(
        FrozenSet<string>.Empty, FrozenSet<string>.Empty, FrozenSet<string>.Empty, FrozenDictionary<string, double>.Empty);
}
