using System.Globalization;
using System.Text.Json.Nodes;

namespace Failkit.Host.Management;

/// <summary>The drill as a DR engineer reads it at a terminal: one row per VM, then the plan verdict and the cleanup proof.</summary>
internal static class DemoDrillTable
{
    public static void Write(TextWriter output, JsonObject drill)
    {
        var targets = drill["targets"]!;
        var rtoTarget = targets["rtoSeconds"]!.GetValue<int>();
        var rpoTarget = targets["rpoSeconds"]!.GetValue<int>();
        var label = drill["simulated"]?.GetValue<bool>() == true ? "  [SIMULATED]" : "";
        output.WriteLine($"  Drill {drill["id"]}: {drill["status"]}{label}");
        output.WriteLine($"    {"VM",-8} {"wave",4}  {"boot",7}  {"probes",6}  {"RTO / target",-16}  {"RPO / target",-16}  verdict");
        foreach (var vm in drill["vms"]!.AsArray().Select(v => v!.AsObject()))
        {
            var w = vm["waterfall"]!;
            var boot = Seconds(w["requestedAt"], w["bootSignalAt"]);
            var probes = vm["probes"]!.AsArray();
            var passed = probes.Count(p => p!["passed"]!.GetValue<bool>());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {vm["name"],-8} {vm["wave"],4}  {Format(boot),7}  {passed + "/" + probes.Count,6}  {Format(Value(vm["rtoSeconds"])) + " / " + rtoTarget + "s",-16}  {Format(Value(vm["rpoSeconds"])) + " / " + rpoTarget + "s",-16}  {vm["verdict"]}"));
        }

        var plan = Value(drill["planRtoSeconds"]);
        output.WriteLine($"    plan RTO {Format(plan)} of {rtoTarget}s target; verdict {drill["result"]?["verdict"] ?? drill["status"]}");
        var cleanup = drill["cleanup"]!;
        var deleted = cleanup["deleted"]?.AsArray().Count ?? 0;
        var leftovers = cleanup["leftovers"] as JsonArray;
        output.WriteLine(leftovers is null
            ? "    cleanup: NOT VERIFIED (the sweep did not run)"
            : $"    cleanup: {deleted} resources deleted; sweep by tag failkit-drill={drill["id"]!.GetValue<Guid>():n}: {leftovers.Count} left{(leftovers.Count == 0 ? "" : ": " + string.Join(", ", leftovers.Select(l => $"{l!["type"]} {l["id"]}")))}");
        foreach (var reason in drill["result"]?["reasons"]?.AsArray() ?? [])
        {
            output.WriteLine($"    - {reason}");
        }
    }

    private static double? Value(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static double? Seconds(JsonNode? from, JsonNode? to) =>
        from is JsonValue f && to is JsonValue t ? (t.GetValue<DateTimeOffset>() - f.GetValue<DateTimeOffset>()).TotalSeconds : null;

    private static string Format(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "-";
}
