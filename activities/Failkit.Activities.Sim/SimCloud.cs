using System.Collections.Concurrent;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim;

/// <summary>The simulated cloud of one account. Process-wide per account id, like the real cloud it stands for: a
/// drill's cleanup opens a new session and finds what the boot created. Public for inspection by tests and the demo;
/// changes go through <see cref="ICloudSession"/>.</summary>
public sealed partial class SimCloud
{
    private static readonly ConcurrentDictionary<Guid, SimCloud> Clouds = new();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimResource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimDisk> _disksByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimInstance> _instancesByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Vm, string Op), long> _throttleDraws = [];
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _throttled = new(StringComparer.Ordinal);
    private Dictionary<string, TokenBucket> _buckets = [];
    private long _requests;
    private long _ids;
    private long _addresses;

    private SimCloud(Guid accountId, SimSettings settings, TimeProvider time)
    {
        AccountId = accountId;
        Time = time;
        Settings = settings;
        _buckets = Buckets(settings, time.GetUtcNow());
    }

    public Guid AccountId { get; }

    /// <summary>The clock latencies elapse on: the one of the first session opened on the account.</summary>
    public TimeProvider Time { get; }

    public SimSettings Settings { get; private set; }

    /// <summary>The account's cloud, if a session was ever opened on it in this process.</summary>
    public static SimCloud? Find(Guid accountId) => Clouds.GetValueOrDefault(accountId);

    /// <summary>Drops an account's cloud and everything in it (a test's or the demo's reset).</summary>
    public static bool Forget(Guid accountId) => Clouds.TryRemove(accountId, out _);

    /// <summary>Everything the cloud holds now, terminated instances included (they stay visible, as on EC2).</summary>
    public IReadOnlyList<SimResource> Resources
    {
        get
        {
            lock (_lock)
            {
                return [.. _resources.Values];
            }
        }
    }

    public IReadOnlyList<SimInstance> Instances => [.. Resources.OfType<SimInstance>()];

    public IReadOnlyList<SimDisk> Disks => [.. Resources.OfType<SimDisk>()];

    /// <summary>Calls made to an operation, throttled ones included.</summary>
    public int CallCount(string operation) => _calls.GetValueOrDefault(operation);

    public int ThrottledCount(string operation) => _throttled.GetValueOrDefault(operation);

    /// <summary>The account's cloud; settings that changed since the last session replace the parameters (rate-limit
    /// buckets start full again) and keep the resources.</summary>
    internal static SimCloud Open(Guid accountId, SimSettings settings, TimeProvider time)
    {
        var cloud = Clouds.GetOrAdd(accountId, id => new SimCloud(id, settings, time));
        lock (cloud._lock)
        {
            if (!Equivalent(cloud.Settings, settings))
            {
                cloud.Settings = settings;
                cloud._buckets = Buckets(settings, cloud.Time.GetUtcNow());
            }
        }

        return cloud;
    }

    internal string NextRequestId() => $"sim-{Interlocked.Increment(ref _requests):x8}";

    /// <summary>Counts the call, then applies injected throttling and the operation's rate limit.</summary>
    /// <param name="key">The call's identity, which keeps its place in the rate-limit queue across retries.</param>
    internal void Admit(string operation, string key, string? vmName)
    {
        _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        TokenBucket? bucket;
        lock (_lock)
        {
            if (vmName is not null && Settings.Failures.ThrottleRate.TryGetValue(vmName, out var rate) && rate > 0)
            {
                var draw = _throttleDraws.GetValueOrDefault((vmName, operation));
                _throttleDraws[(vmName, operation)] = draw + 1;
                if (SimSampler.Unit(Settings.Seed, vmName, $"throttle:{operation}", draw) < rate)
                {
                    _throttled.AddOrUpdate(operation, 1, (_, n) => n + 1);
                    throw new CloudThrottledException(
                        $"SIMULATED RequestLimitExceeded: {operation} for {vmName} throttled by failures.throttleRate ({rate:0.##}).");
                }
            }

            bucket = _buckets.GetValueOrDefault(operation);
        }

        if (bucket?.TryTake(key, Time.GetUtcNow()) is { } wait)
        {
            _throttled.AddOrUpdate(operation, 1, (_, n) => n + 1);
            throw new CloudThrottledException(
                $"SIMULATED RequestLimitExceeded: {operation} is limited to {bucket.Limit} (simulated time); retry after {wait.TotalSeconds:0.###} s.",
                wait);
        }
    }

    private static Dictionary<string, TokenBucket> Buckets(SimSettings settings, DateTimeOffset now) =>
        settings.RateLimits.ToDictionary(kv => kv.Key, kv => new TokenBucket(kv.Value, settings.TimeScale, now), StringComparer.Ordinal);

    // Records with collection members compare those by reference, so compare what they mean.
    private static bool Equivalent(SimSettings a, SimSettings b) =>
        a == b
        || (a with { RateLimits = b.RateLimits, Failures = b.Failures } == b
            && a.RateLimits.Count == b.RateLimits.Count
            && a.RateLimits.All(kv => b.RateLimits.TryGetValue(kv.Key, out var other) && other == kv.Value)
            && a.Failures.BootFailure.SetEquals(b.Failures.BootFailure)
            && a.Failures.ProbeNeverPasses.SetEquals(b.Failures.ProbeNeverPasses)
            && a.Failures.LeakDiskOnDelete.SetEquals(b.Failures.LeakDiskOnDelete)
            && a.Failures.ThrottleRate.Count == b.Failures.ThrottleRate.Count
            && a.Failures.ThrottleRate.All(kv => b.Failures.ThrottleRate.TryGetValue(kv.Key, out var r) && r == kv.Value));
}
