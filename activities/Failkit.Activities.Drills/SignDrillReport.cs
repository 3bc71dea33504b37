using Failkit.Evidence;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Seals the finished drill's report into the tenant's chain (manifest, PDF, Ed25519 signature). Idempotent: a
/// rerun, or the backstop sweep that got there first, returns the same report.</summary>
[Activity("Failkit", "Drills", "Sign the drill report: append the finished drill's manifest and PDF to the tenant's signed, hash-chained reports.")]
public sealed class SignDrillReport : CodeActivity<long>
{
    [Input(Description = "The drill; empty means the workflow input DrillId.")]
    public Input<string> DrillId { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var id = DrillRun.DrillIdOf(context, DrillId);
        var report = await context.GetRequiredService<ReportChain>().AppendAsync(id, context.CancellationToken)
            ?? throw new WorkflowFaultException("DRILL_NOT_FINISHED", $"Drill {id} has not finished (or does not exist): place this step after 'Compile the drill result'.");
        context.Set(Result, report.Number);
    }
}
