using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Failkit.Activities.Sim;

/// <summary>Strict reading of the Sim settings: unknown keys are refused too, because a misspelt key silently falling
/// back to a default would make a benchmark measure something else than the operator asked for.</summary>
internal static partial class SimSettingsParser
{
    private static readonly string[] TopLevelKeys =
        ["seed", "timeScale", "maxConcurrency", "hydrateLatency", "bootLatency", "appReadyDelay", "rateLimits", "quotas", "failures"];

    public static SimSettings Parse(JsonObject? settings)
    {
        var d = SimSettings.Default;
        if (settings is null)
        {
            return d;
        }

        RefuseUnknown(settings, "", TopLevelKeys);
        var timeScale = Number(settings, "timeScale", "timeScale") ?? d.TimeScale;
        if (timeScale <= 0)
        {
            throw Bad("timeScale", "must be greater than 0");
        }

        var maxConcurrency = Integer(settings["maxConcurrency"], "maxConcurrency") ?? d.MaxConcurrency;
        if (maxConcurrency < 1)
        {
            throw Bad("maxConcurrency", "must be at least 1");
        }

        return new SimSettings(
            Seed: Integer(settings["seed"], "seed") ?? d.Seed,
            TimeScale: timeScale,
            MaxConcurrency: (int)Math.Min(maxConcurrency, int.MaxValue),
            Hydrate: ReadLatency(settings["hydrateLatency"], "hydrateLatency") ?? d.Hydrate,
            Boot: ReadLatency(settings["bootLatency"], "bootLatency") ?? d.Boot,
            AppReady: ReadLatency(settings["appReadyDelay"], "appReadyDelay") ?? d.AppReady,
            RateLimits: ReadRateLimits(settings["rateLimits"]),
            MaxInstances: (int)Math.Min(ReadMaxInstances(settings["quotas"]) ?? d.MaxInstances, int.MaxValue),
            Failures: ReadFailures(settings["failures"]));
    }

    private static Latency? ReadLatency(JsonNode? node, string key)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue:
                var seconds = NumberOf(node, key);
                return seconds < 0 ? throw Bad(key, "must not be negative") : new FixedLatency(seconds);
            case JsonObject o:
                var kind = o["distribution"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                switch (kind)
                {
                    case "fixed":
                        RefuseUnknown(o, key, ["distribution", "seconds"]);
                        return new FixedLatency(NonNegative(o, "seconds", key));
                    case "uniform":
                        RefuseUnknown(o, key, ["distribution", "min", "max"]);
                        var min = NonNegative(o, "min", key);
                        var max = NonNegative(o, "max", key);
                        return max < min ? throw Bad($"{key}.max", "must not be less than min") : new UniformLatency(min, max);
                    case "lognormal":
                        RefuseUnknown(o, key, ["distribution", "median", "p95"]);
                        var median = NonNegative(o, "median", key);
                        var p95 = NonNegative(o, "p95", key);
                        if (median <= 0)
                        {
                            throw Bad($"{key}.median", "must be greater than 0");
                        }

                        return p95 < median ? throw Bad($"{key}.p95", "must not be less than median") : new LogNormalLatency(median, p95);
                    default:
                        throw Bad($"{key}.distribution", $"is {(kind is null ? "missing" : $"'{kind}'")}; expected fixed, uniform or lognormal");
                }

            default:
                throw Bad(key, "must be a number of seconds or a distribution object");
        }
    }

    private static IReadOnlyDictionary<string, RateLimit> ReadRateLimits(JsonNode? node)
    {
        if (node is null)
        {
            return SimSettings.DefaultRateLimits;
        }

        var limits = new Dictionary<string, RateLimit>(SimSettings.DefaultRateLimits);
        foreach (var (op, value) in AsObject(node, "rateLimits"))
        {
            var key = $"rateLimits.{op}";
            if (!SimOperations.All.Contains(op))
            {
                throw Bad(key, $"is not an operation; expected one of {string.Join(", ", SimOperations.All)}");
            }

            // null lifts the limit: the benchmark may want only RunInstances limited.
            if (value is null)
            {
                limits.Remove(op);
                continue;
            }

            var o = AsObject(value, key);
            RefuseUnknown(o, key, ["perSecond", "burst"]);
            var perSecond = Number(o, "perSecond", $"{key}.perSecond") ?? throw Bad($"{key}.perSecond", "is required");
            if (perSecond <= 0)
            {
                throw Bad($"{key}.perSecond", "must be greater than 0 (use null for no limit)");
            }

            var burst = Number(o, "burst", $"{key}.burst") ?? 1;
            limits[op] = burst < 1 ? throw Bad($"{key}.burst", "must be at least 1") : new RateLimit(perSecond, burst);
        }

        return limits.ToFrozenDictionary();
    }

    private static long? ReadMaxInstances(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var o = AsObject(node, "quotas");
        RefuseUnknown(o, "quotas", ["maxInstances"]);
        var max = Integer(o["maxInstances"], "quotas.maxInstances");
        return max < 1 ? throw Bad("quotas.maxInstances", "must be at least 1") : max;
    }
}
