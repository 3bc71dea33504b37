using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Ends the drill with its structured result: the per-VM table with waterfalls, probes, request ids and
/// verdicts, the plan RTO, the cleanup proof and the approvals. This is what the evidence step signs.</summary>
[Activity("Failkit", "Drills", "Compile the drill result (per-VM table, waterfall, verdicts, cleanup proof, cloud request ids) and end the drill.")]
public sealed class CompileDrillResult : Activity
{
    [Input(Description = "The drill; empty means the workflow input DrillId.")]
    public Input<string> DrillId { get; set; } = new("");

    [Input(Description = "Why the runbook ended early, when the cleanup runbook compiles for it (its workflow input RunbookEnded).")]
    public Input<string> RunbookEnded { get; set; } = new("");

    [Output(Description = "The drill result.")]
    public Output<JsonObject> DrillResult { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await DrillRun.LoadAsync(context, DrillId);
        var ct = context.CancellationToken;
        var ended = context.Get(RunbookEnded);
        if (string.IsNullOrEmpty(ended) && context.WorkflowInput.TryGetValue(DrillSupervisor.FaultInput, out var fault))
        {
            ended = fault?.ToString();
        }

        var approvals = await run.Store.ApprovalsAsync(run.Drill.Id, ct);
        var rejected = approvals.Any(a => a.Decision == "rejected");
        // VMs the runbook never reached are not silently "pending" in a finished drill.
        foreach (var vm in run.Drill.Vms.Where(v => !VmStatus.IsFinal(v.Status)))
        {
            var (vmStatus, why) = run.CancelRequested ? (VmStatus.Cancelled, "the drill was cancelled")
                : rejected ? (VmStatus.Skipped, "the drill was rejected by its approver")
                : (VmStatus.Failed, string.IsNullOrEmpty(ended) ? $"the runbook ended with the VM {vm.Status.ToLowerInvariant()}" : $"the runbook ended early: {ended}");
            await run.Store.UpdateVmAsync(run.Drill.Id, vm.Name, new VmProgress(Status: vmStatus, Error: why), ct);
        }

        var drill = await run.Store.FindAsync(run.Drill.Id, ct) ?? run.Drill;
        var view = DrillView.From(drill, approvals);
        var leftovers = drill.Cleanup?["leftovers"] as JsonArray;
        var planMet = view.PlanRtoSeconds is { } plan && plan <= drill.RtoTargetSeconds;
        var reasons = new List<string>();
        reasons.AddRange(view.Vms.Where(v => v.Verdict != DrillMetrics.Passed).Select(v => $"{v.Name}: {string.Join("; ", v.Reasons)}"));
        if (!planMet)
        {
            reasons.Add(view.PlanRtoSeconds is { } p ? $"plan RTO {p:0}s exceeds the target {drill.RtoTargetSeconds}s" : "not every VM came up, so the plan has no RTO");
        }

        if (leftovers is null)
        {
            reasons.Add("cleanup was not verified");
        }
        else if (leftovers.Count > 0)
        {
            reasons.Add($"{leftovers.Count} resources were left behind");
        }

        if (!string.IsNullOrEmpty(ended))
        {
            reasons.Add($"the runbook ended early: {ended}");
        }

        var status = run.CancelRequested || rejected ? DrillStatus.Cancelled : reasons.Count == 0 ? DrillStatus.Succeeded : DrillStatus.Failed;
        var result = new JsonObject
        {
            ["drillId"] = drill.Id,
            ["protectionGroup"] = new JsonObject { ["id"] = run.Group.Id, ["name"] = run.Group.Name },
            ["cloud"] = new JsonObject { ["kind"] = run.Account.Kind.ToString(), ["account"] = run.Account.Name, ["region"] = run.Account.Region },
            ["simulated"] = drill.Simulated,
            ["label"] = drill.Simulated ? "SIMULATED" : null,
            ["runbook"] = new JsonObject { ["definitionId"] = drill.RunbookDefinitionId, ["version"] = drill.RunbookVersion },
            ["initiator"] = JsonSerializer.SerializeToNode(drill.Initiator, DrillsJson.Options),
            ["requestedAt"] = drill.RequestedAt,
            ["compiledAt"] = context.Now,
            ["targets"] = new JsonObject { ["rtoSeconds"] = drill.RtoTargetSeconds, ["rpoSeconds"] = drill.RpoTargetSeconds },
            ["planRto"] = new JsonObject { ["seconds"] = view.PlanRtoSeconds, ["met"] = planMet },
            ["vms"] = JsonSerializer.SerializeToNode(view.Vms, DrillsJson.Options),
            ["cleanup"] = drill.Cleanup?.DeepClone(),
            ["approvals"] = JsonSerializer.SerializeToNode(approvals, DrillsJson.Options),
            ["verdict"] = status,
            ["reasons"] = JsonSerializer.SerializeToNode(reasons, DrillsJson.Options),
        };
        await run.Store.CompleteAsync(drill.Id, status, result, ct);
        context.Set(DrillResult, result);
    }
}
