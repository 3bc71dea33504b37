using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

[Activity("Failkit", "Drills", "List the drill's boot waves in boot order, for a loop over the waves.")]
public sealed class ListWaves : Activity
{
    [Input(Description = "The drill; empty means the workflow input DrillId.")]
    public Input<string> DrillId { get; set; } = new("");

    [Output(Description = "The wave numbers, lowest first.")]
    public Output<List<int>> Waves { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await DrillRun.LoadAsync(context, DrillId);
        context.Set(Waves, run.Group.Vms.Select(v => v.Wave).Distinct().Order().ToList());
    }
}
