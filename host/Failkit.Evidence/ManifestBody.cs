using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Evidence.Format;

namespace Failkit.Evidence;

/// <summary>Builds the manifest body (everything but <c>pdf_sha256</c>, which sealing adds) from a finished drill. Field
/// names are snake_case, times <see cref="EvidenceJson.TimeFormat"/>, durations in seconds rounded to milliseconds.
/// docs/decisions/evidence-reports.md lists the fields.</summary>
public static partial class ManifestBody
{
    public static JsonObject Build(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var drill = facts.Drill;
        var view = DrillView.From(drill, facts.Approvals);
        var vms = view.Vms;
        var worstRpo = vms.Where(v => v.RpoSeconds is not null).Select(v => v.RpoSeconds!.Value).DefaultIfEmpty().Max();
        var rpoKnown = vms.Count > 0 && vms.All(v => v.RpoSeconds is not null);
        var deficiencies = Deficiencies(drill, view, facts.RunbookSha256 is null);
        return new JsonObject
        {
            [ReportSeal.Fields.Format] = ReportSeal.ManifestFormat,
            [ReportSeal.Fields.ReportNumber] = facts.ReportNumber,
            [ReportSeal.Fields.TenantId] = facts.TenantId.ToString(),
            [ReportSeal.Fields.DrillId] = drill.Id.ToString(),
            [ReportSeal.Fields.GeneratedAt] = EvidenceJson.Time(facts.GeneratedAt),
            [ReportSeal.Fields.PreviousReportSha256] = facts.PreviousReportSha256,
            [ReportSeal.Fields.Simulated] = drill.Simulated,
            ["drill_status"] = drill.Status,
            ["initiator"] = new JsonObject { ["kind"] = drill.Initiator.Kind, ["name"] = drill.Initiator.Name },
            ["started_at"] = EvidenceJson.Time(drill.RequestedAt),
            ["ended_at"] = Time(drill.FinishedAt),
            ["protection_group"] = new JsonObject { ["id"] = drill.GroupId.ToString(), ["name"] = facts.ProtectionGroupName },
            ["runbook"] = new JsonObject
            {
                ["definition_id"] = drill.RunbookDefinitionId,
                ["version"] = drill.RunbookVersion,
                ["definition_sha256"] = facts.RunbookSha256,
                ["hashed_bytes"] = RunbookHash.Description,
            },
            ["rto"] = new JsonObject
            {
                ["target_seconds"] = drill.RtoTargetSeconds,
                ["achieved_seconds"] = Round(view.PlanRtoSeconds),
                ["verdict"] = view.PlanRtoSeconds is { } plan ? (plan <= drill.RtoTargetSeconds ? DrillMetrics.Passed : DrillMetrics.Failed) : "Unmeasured",
            },
            ["rpo"] = new JsonObject
            {
                ["target_seconds"] = drill.RpoTargetSeconds,
                ["achieved_seconds"] = rpoKnown ? Round(worstRpo) : null,
                ["verdict"] = rpoKnown ? (worstRpo <= drill.RpoTargetSeconds ? DrillMetrics.Passed : DrillMetrics.Failed) : "Unmeasured",
            },
            ["verdict"] = Verdict(drill.Status),
            ["waves"] = Waves(vms),
            ["vms"] = new JsonArray([.. vms.Select(Vm)]),
            ["approvals"] = new JsonArray([.. facts.Approvals.Select(a => (JsonNode)new JsonObject
            {
                ["decision"] = a.Decision,
                ["decided_by"] = a.DecidedBy,
                ["decided_at"] = EvidenceJson.Time(a.DecidedAt),
                ["comment"] = a.Comment,
            })]),
            ["cleanup"] = Cleanup(drill.Cleanup),
            ["deficiencies"] = new JsonArray([.. deficiencies.Select(d => (JsonNode)JsonValue.Create(d))]),
            ["probe_output_limit"] = EvidenceOptions.ProbeOutputLimit,
            ["signing_key"] = new JsonObject { ["key_id"] = facts.KeyId.ToString(), ["fingerprint"] = facts.KeyFingerprint },
        };
    }

    /// <summary>The report's verdict: a drill passes only when it succeeded; cancelled and failed drills say so.</summary>
    public static string Verdict(string drillStatus) => drillStatus switch
    {
        DrillStatus.Succeeded => "Passed",
        DrillStatus.Cancelled => "Cancelled",
        _ => "Failed",
    };

    private static JsonArray Waves(IReadOnlyList<DrillVmView> vms) =>
        new([.. vms.GroupBy(v => v.Wave).OrderBy(g => g.Key).Select(g => (JsonNode)new JsonObject
        {
            ["wave"] = g.Key,
            ["vm_count"] = g.Count(),
            ["rto_seconds"] = g.All(v => v.RtoSeconds is not null) ? Round(g.Max(v => v.RtoSeconds)) : null,
            ["rpo_seconds"] = g.All(v => v.RpoSeconds is not null) ? Round(g.Max(v => v.RpoSeconds)) : null,
            ["verdict"] = g.All(v => v.Verdict == DrillMetrics.Passed) ? DrillMetrics.Passed
                : g.All(v => v.Verdict is VmStatus.Cancelled or VmStatus.Skipped) ? g.First().Verdict : DrillMetrics.Failed,
        })]);

    private static List<string> Deficiencies(Drill drill, DrillView view, bool runbookMissing)
    {
        var list = view.Vms.Where(v => v.Verdict != DrillMetrics.Passed).Select(v => $"{v.Name}: {string.Join("; ", v.Reasons)}").ToList();
        if (view.PlanRtoSeconds is { } plan && plan > drill.RtoTargetSeconds)
        {
            list.Add($"plan RTO {plan:0.#}s exceeds the target {drill.RtoTargetSeconds}s");
        }
        else if (view.PlanRtoSeconds is null)
        {
            list.Add("not every VM came up, so the plan has no RTO");
        }

        switch (drill.Cleanup?["leftovers"])
        {
            case JsonArray { Count: > 0 } left:
                list.Add($"{left.Count} resources were left behind after cleanup");
                break;
            case null:
                list.Add("cleanup was not verified by a sweep");
                break;
        }

        if (drill.Result?["error"]?.GetValue<string>() is { } error)
        {
            list.Add(error);
        }

        if (runbookMissing)
        {
            list.Add($"runbook {drill.RunbookDefinitionId} version {drill.RunbookVersion} no longer exists, so its hash is unknown");
        }

        return list;
    }

    private static string? Time(DateTimeOffset? at) => at is { } t ? EvidenceJson.Time(t) : null;

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 3) : null;
}
