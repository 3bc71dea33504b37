using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

[Activity("Failkit", "Drills", "Measure RTO: each VM's waterfall (requested, disk ready, instance running, boot signal, probes green) and the plan total, against the target.")]
public sealed class MeasureRto : DrillActivity
{
    [Output(Description = "Per-VM waterfall segments in seconds, the plan total, the target and whether it was met.")]
    public Output<JsonObject> Rto { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await LoadAsync(context);
        var vms = new JsonArray();
        foreach (var (_, vm) in SelectVms(context, run))
        {
            var w = vm.Waterfall;
            var measure = DrillMetrics.Measure(run.Drill, vm);
            vms.Add(new JsonObject
            {
                ["name"] = vm.Name,
                ["wave"] = vm.Wave,
                ["hydrateSeconds"] = Seconds(w.RequestedAt, w.DiskReadyAt),
                ["launchSeconds"] = Seconds(w.DiskReadyAt, w.InstanceRunningAt),
                ["bootSeconds"] = Seconds(w.InstanceRunningAt, w.BootSignalAt),
                ["appSeconds"] = Seconds(w.BootSignalAt, w.ProbesGreenAt),
                ["rtoSeconds"] = measure.RtoSeconds,
                ["met"] = measure.RtoSeconds is { } rto ? rto <= run.Drill.RtoTargetSeconds : null,
            });
        }

        var plan = DrillMetrics.PlanRtoSeconds(run.Drill);
        context.Set(Rto, new JsonObject
        {
            ["targetSeconds"] = run.Drill.RtoTargetSeconds,
            ["planSeconds"] = plan,
            ["met"] = plan is { } p && p <= run.Drill.RtoTargetSeconds,
            ["vms"] = vms,
        });
    }

    private static double? Seconds(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? Math.Round((t - f).TotalSeconds, 3) : null;
}
