using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>The inputs every drill step shares: which drill, and which of its VMs.</summary>
public abstract class DrillActivity : Activity
{
    [Input(Description = "The drill; empty means the workflow input DrillId that POST /api/drills passes.", Order = 100)]
    public Input<string> DrillId { get; set; } = new("");

    [Input(Description = "The boot wave to work on; 0 means every wave.", Order = 1)]
    public Input<int> Wave { get; set; } = new(0);

    [Input(Description = "One VM by name instead of a wave; empty means the whole wave.", Order = 2)]
    public Input<string> Vm { get; set; } = new("");

    private protected Task<DrillRun> LoadAsync(ActivityExecutionContext context) => DrillRun.LoadAsync(context, DrillId);

    private protected IReadOnlyList<(Failkit.Drills.ProtectedVm Config, Failkit.Drills.DrillVm State)> SelectVms(ActivityExecutionContext context, DrillRun run) =>
        run.Select(context.Get(Wave), context.Get(Vm));
}
