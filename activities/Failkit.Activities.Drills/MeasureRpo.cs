using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

[Activity("Failkit", "Drills", "Measure RPO: each VM's recovery-point age at drill start, and its lag behind the agent's last reported write, against the target.")]
public sealed class MeasureRpo : DrillActivity
{
    [Output(Description = "Per-VM RPO in seconds, the worst, the target and whether it was met.")]
    public Output<JsonObject> Rpo { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await LoadAsync(context);
        var vms = new JsonArray();
        double? worst = null;
        foreach (var (_, vm) in SelectVms(context, run))
        {
            var m = DrillMetrics.Measure(run.Drill, vm);
            worst = m.RpoSeconds is { } r && (worst is null || r > worst) ? r : worst;
            vms.Add(new JsonObject
            {
                ["name"] = vm.Name,
                ["pointTime"] = vm.RecoveryPoints is { Count: > 0 } ps ? ps.Min(p => p.PointTime) : null,
                ["rpoSeconds"] = m.RpoSeconds,
                ["vsLastWriteSeconds"] = m.RpoVsLastWriteSeconds,
                ["met"] = m.RpoSeconds is { } rpo ? rpo <= run.Drill.RpoTargetSeconds : null,
            });
        }

        context.Set(Rpo, new JsonObject
        {
            ["targetSeconds"] = run.Drill.RpoTargetSeconds,
            ["worstSeconds"] = worst,
            ["met"] = worst is { } w && w <= run.Drill.RpoTargetSeconds,
            ["vms"] = vms,
        });
    }
}
