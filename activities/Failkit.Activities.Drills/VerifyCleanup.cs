using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Sweeps the account by the drill tag across instances, disks, snapshots, images, NICs and IPs. Clouds delete
/// asynchronously, so a non-empty sweep is repeated until the timeout before it counts as leftovers.</summary>
[Activity("Failkit", "Cloud", "Prove cleanup: sweep the account by the drill tag; zero resources, or the list of leftovers, goes into the drill result.")]
[FlowNode("Clean", "Leftovers")]
public sealed class VerifyCleanup : PollingDrillActivity
{
    public VerifyCleanup()
    {
        Timeout = new(TimeSpan.FromSeconds(30));
    }

    private protected override async Task<string?> PollAsync(ActivityExecutionContext context, bool timedOut)
    {
        var run = await LoadAsync(context);
        var ct = context.CancellationToken;
        IReadOnlyList<Failkit.Drills.Cloud.CloudResource> leftovers;
        string? error = null;
        try
        {
            await using var session = run.Provider.Open(run.Account);
            leftovers = await session.SweepAsync(run.Tag, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (!timedOut)
            {
                return null;
            }

            leftovers = [];
            error = $"the sweep could not run: {ex.Message}";
        }

        if (leftovers.Count > 0 && !timedOut)
        {
            return null;
        }

        var record = run.Drill.Cleanup?.DeepClone().AsObject() ?? [];
        // A sweep that could not run proves nothing: leftovers stays null (unknown), never an empty list.
        record["leftovers"] = error is null ? JsonSerializer.SerializeToNode(leftovers, DrillsJson.Options) : null;
        record["sweptAt"] = context.Now;
        record["sweepError"] = error;
        await run.Store.SetCleanupAsync(run.Drill.Id, record, ct);
        return error is null && leftovers.Count == 0 ? "Clean" : "Leftovers";
    }
}
