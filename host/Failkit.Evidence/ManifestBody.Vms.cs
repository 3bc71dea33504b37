using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Evidence.Format;

namespace Failkit.Evidence;

public static partial class ManifestBody
{
    private static JsonObject Vm(DrillVmView vm)
    {
        var w = vm.Waterfall;
        return new JsonObject
        {
            ["name"] = vm.Name,
            ["wave"] = vm.Wave,
            ["status"] = vm.Status,
            ["verdict"] = vm.Verdict,
            ["reasons"] = new JsonArray([.. vm.Reasons.Select(r => (JsonNode)JsonValue.Create(r))]),
            ["rto_seconds"] = Round(vm.RtoSeconds),
            ["rpo_seconds"] = Round(vm.RpoSeconds),
            ["rpo_vs_last_write_seconds"] = Round(vm.RpoVsLastWriteSeconds),
            ["recovery_points"] = new JsonArray([.. vm.RecoveryPoints.Select(p => (JsonNode)new JsonObject
            {
                ["disk"] = p.Disk,
                ["recovery_point_id"] = p.RecoveryPointId.ToString(),
                ["point_id"] = p.PointId,
                ["point_time"] = EvidenceJson.Time(p.PointTime),
            })]),
            ["instance_id"] = vm.InstanceId,
            ["private_address"] = vm.PrivateAddress,
            ["request_ids"] = new JsonArray([.. vm.RequestIds.Order(StringComparer.Ordinal).Select(r => (JsonNode)JsonValue.Create(r))]),
            ["waterfall"] = new JsonObject
            {
                ["requested_at"] = Time(w.RequestedAt),
                ["disk_ready_at"] = Time(w.DiskReadyAt),
                ["instance_running_at"] = Time(w.InstanceRunningAt),
                ["boot_signal_at"] = Time(w.BootSignalAt),
                ["probes_green_at"] = Time(w.ProbesGreenAt),
            },
            ["probes"] = new JsonArray([.. vm.Probes.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["kind"] = p.Kind,
                ["passed"] = p.Passed,
                ["attempts"] = p.Attempts,
                ["at"] = EvidenceJson.Time(p.At),
                ["output"] = Trim(p.Detail),
                ["output_trimmed"] = p.Detail.Length > EvidenceOptions.ProbeOutputLimit,
            })]),
            ["error"] = vm.Error,
        };
    }

    /// <summary>The cleanup proof: what the teardown deleted and what the sweep by the drill tag still found. A sweep
    /// that never ran keeps <c>leftovers</c> null ("unknown"), never an empty list ("none").</summary>
    private static JsonObject Cleanup(JsonObject? cleanup) => new()
    {
        ["torn_down_at"] = TimeText(cleanup?["tornDownAt"]),
        ["swept_at"] = TimeText(cleanup?["sweptAt"]),
        ["deleted"] = Resources(cleanup?["deleted"]) ?? [],
        ["failures"] = cleanup?["failures"] is JsonArray failures ? new JsonArray([.. failures.Select(f => f?.DeepClone())]) : [],
        ["leftovers"] = Resources(cleanup?["leftovers"]),
        ["request_ids"] = cleanup?["requestIds"] is JsonArray ids ? new JsonArray([.. ids.Select(i => i?.DeepClone())]) : [],
        ["sweep_error"] = cleanup?["sweepError"]?.GetValue<string>(),
        ["error"] = cleanup?["error"]?.GetValue<string>(),
    };

    private static JsonArray? Resources(JsonNode? node) => node is JsonArray list
        ? new JsonArray([.. list.Select(r => (JsonNode)new JsonObject
        {
            ["type"] = r?["type"]?.GetValue<string>(),
            ["id"] = r?["id"]?.GetValue<string>(),
            ["name"] = r?["name"]?.GetValue<string>(),
        })])
        : null;

    private static string? TimeText(JsonNode? node) => node is null ? null : EvidenceJson.Time(node.Deserialize<DateTimeOffset>());

    private static string Trim(string output) =>
        output.Length <= EvidenceOptions.ProbeOutputLimit ? output : output[..EvidenceOptions.ProbeOutputLimit];
}
