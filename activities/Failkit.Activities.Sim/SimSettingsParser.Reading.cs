using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim;

internal static partial class SimSettingsParser
{
    private static SimFailures ReadFailures(JsonNode? node)
    {
        if (node is null)
        {
            return SimFailures.None;
        }

        var o = AsObject(node, "failures");
        RefuseUnknown(o, "failures", ["bootFailure", "probeNeverPasses", "leakDiskOnDelete", "throttleRate"]);
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        if (o["throttleRate"] is { } ratesNode)
        {
            foreach (var (vm, rate) in AsObject(ratesNode, "failures.throttleRate"))
            {
                var key = $"failures.throttleRate.{vm}";
                var value = NumberOf(rate ?? throw Bad(key, "must be a number"), key);
                rates[vm] = value is < 0 or > 1 ? throw Bad(key, "must be between 0 and 1") : value;
            }
        }

        return new SimFailures(
            Names(o["bootFailure"], "failures.bootFailure"),
            Names(o["probeNeverPasses"], "failures.probeNeverPasses"),
            Names(o["leakDiskOnDelete"], "failures.leakDiskOnDelete"),
            rates.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static FrozenSet<string> Names(JsonNode? node, string key)
    {
        if (node is null)
        {
            return FrozenSet<string>.Empty;
        }

        if (node is not JsonArray array)
        {
            throw Bad(key, "must be an array of VM names");
        }

        return array.Select((n, i) => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
                ? s
                : throw Bad($"{key}[{i}]", "must be a VM name"))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    private static JsonObject AsObject(JsonNode node, string key) =>
        node as JsonObject ?? throw Bad(key, "must be an object");

    private static void RefuseUnknown(JsonObject o, string prefix, string[] known)
    {
        foreach (var (name, _) in o)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw Bad(prefix.Length == 0 ? name : $"{prefix}.{name}", $"is not a Sim setting; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static double NonNegative(JsonObject o, string name, string prefix)
    {
        var key = $"{prefix}.{name}";
        var value = Number(o, name, key) ?? throw Bad(key, "is required");
        return value < 0 ? throw Bad(key, "must not be negative") : value;
    }

    private static double? Number(JsonObject o, string name, string key) =>
        o[name] is { } node ? NumberOf(node, key) : null;

    private static double NumberOf(JsonNode node, string key)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d))
        {
            return d;
        }

        throw Bad(key, "must be a number");
    }

    private static long? Integer(JsonNode? node, string key)
    {
        if (node is null)
        {
            return null;
        }

        var d = NumberOf(node, key);
        return d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : throw Bad(key, "must be a whole number");
    }

    private static CloudConfigurationException Bad(string key, string problem) =>
        new($"Sim setting '{key}' {problem}.");
}
