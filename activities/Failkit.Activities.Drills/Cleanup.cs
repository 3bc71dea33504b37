using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Tears down everything carrying the drill tag, whatever the drill's fate. It never faults: a cloud that
/// refuses is written into the drill's cleanup record, and the sweep that follows reports what is left.</summary>
[Activity("Failkit", "Cloud", "Terminate and delete everything carrying the drill tag: instances, NICs, IPs, disks, images, snapshots. Runs on success, failure and cancel.")]
public sealed class Cleanup : Activity
{
    [Input(Description = "The drill; empty means the workflow input DrillId.")]
    public Input<string> DrillId { get; set; } = new("");

    [Output(Description = "What was deleted, what failed, and the cloud's request ids.")]
    public Output<JsonObject> Teardown { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await DrillRun.LoadAsync(context, DrillId);
        var ct = context.CancellationToken;
        JsonObject record;
        try
        {
            await using var session = run.Provider.Open(run.Account);
            var report = await session.TeardownAsync(run.Tag, ct);
            record = new JsonObject
            {
                ["deleted"] = JsonSerializer.SerializeToNode(report.Deleted, DrillsJson.Options),
                ["failures"] = JsonSerializer.SerializeToNode(report.Failures, DrillsJson.Options),
                ["requestIds"] = JsonSerializer.SerializeToNode(report.RequestIds, DrillsJson.Options),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            record = new JsonObject { ["deleted"] = new JsonArray(), ["failures"] = new JsonArray(), ["error"] = $"teardown failed: {ex.Message}" };
        }

        record["tornDownAt"] = context.Now;
        record["leftovers"] = null;
        await run.Store.SetCleanupAsync(run.Drill.Id, record, ct);
        context.Set(Teardown, record);
    }
}
