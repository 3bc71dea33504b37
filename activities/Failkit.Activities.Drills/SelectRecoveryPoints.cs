using Failkit.Drills;
using Failkit.Protection;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

[Activity("Failkit", "Drills", "Choose each VM's recovery point: the latest, or the latest before a time (the ransomware case).")]
public sealed class SelectRecoveryPoints : DrillActivity
{
    [Input(Description = "Take the latest point at or before this time; empty means the drill's recoveryPointBefore, else the latest.")]
    public Input<DateTimeOffset?> Before { get; set; } = new((DateTimeOffset?)null);

    [Output(Description = "How many VMs have a point for every disk.")]
    public Output<int> Selected { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await LoadAsync(context);
        var ct = context.CancellationToken;
        var points = context.GetRequiredService<RecoveryPointQueries>();
        var before = context.Get(Before) ?? run.Drill.RecoveryPointBefore;
        var ready = 0;
        var updates = new List<(string, VmProgress)>();
        var pending = SelectVms(context, run).Where(p => p.State.Status == VmStatus.Pending).ToList();
        var latest = await points.LatestForDisksAsync([.. pending.SelectMany(p => p.Config.Disks).Select(d => d.Name)], before, ct);
        foreach (var (config, state) in pending)
        {
            var chosen = new List<ChosenPoint>();
            var missing = new List<string>();
            foreach (var disk in config.Disks)
            {
                if (latest.GetValueOrDefault(disk.Name) is { } p)
                {
                    chosen.Add(new ChosenPoint(disk.Name, p.Id, p.PointId, p.PointTime, p.RpoObservedSeconds));
                }
                else
                {
                    missing.Add(disk.Name);
                }
            }

            var progress = missing.Count == 0
                ? new VmProgress(RecoveryPoints: chosen)
                : new VmProgress(Status: VmStatus.Failed, RecoveryPoints: chosen, Error: $"no recovery point for disk {string.Join(", ", missing)}");
            updates.Add((state.Name, progress));
            ready += missing.Count == 0 ? 1 : 0;
        }

        await run.Store.UpdateVmsAsync(run.Drill.Id, updates, ct);
        context.Set(Selected, ready);
    }
}
