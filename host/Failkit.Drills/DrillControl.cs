using System.Text.Json;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Drills;

/// <summary>The names of the bookmarks drill activities wait on; the API resumes them.</summary>
public static class DrillBookmarks
{
    public const string Approval = "Failkit.Drills.Approval";
}

/// <summary>Cancel and approve. Both record the request first, then queue a resume of the runbook's waiting
/// activities, so a drill parked on a timer, a wait between waves or an approval reacts now rather than when its
/// timer fires. The activities read the request from the drill itself.</summary>
public sealed class DrillControl(DrillStore drills, IWorkflowInstanceStore instances, TimeProvider time)
{
    public async Task<bool> CancelAsync(Drill drill, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drill);
        if (!await drills.RequestCancelAsync(drill.Id, by, ct))
        {
            return false;
        }

        await WakeAsync(drill, _ => true, JsonSerializer.Serialize(new { cancel = true }), ct);
        return true;
    }

    /// <summary>Records the decision and resumes the approval gate; false when the drill is not waiting for one.</summary>
    public async Task<bool> DecideAsync(Drill drill, Approval approval, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drill);
        ArgumentNullException.ThrowIfNull(approval);
        if (!await IsAwaitingApprovalAsync(drill, ct))
        {
            return false;
        }

        await drills.AddApprovalAsync(drill.Id, approval, ct);
        await WakeAsync(drill, b => b.Name == DrillBookmarks.Approval, DrillsJson.Serialize(approval), ct);
        return true;
    }

    /// <summary>Whether the drill's runbook is parked at an approval gate, i.e. a decision would be taken now.</summary>
    public async Task<bool> IsAwaitingApprovalAsync(Drill drill, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drill);
        return drill.WorkflowInstanceId is not null && await instances.GetAsync(drill.WorkflowInstanceId, ct) is { } state &&
            state.Bookmarks.Exists(b => b.Name == DrillBookmarks.Approval);
    }

    private async Task WakeAsync(Drill drill, Func<Workflows.Core.Bookmark, bool> which, string input, CancellationToken ct)
    {
        foreach (var instanceId in new[] { drill.WorkflowInstanceId, drill.CleanupInstanceId })
        {
            if (instanceId is null)
            {
                continue;
            }

            // The session locks the instance: a burst in flight commits its bookmarks first, and a burst that starts
            // after this reads the request already recorded on the drill.
            await using var session = await instances.OpenAsync(instanceId, ct);
            if (session.State is not { } state)
            {
                continue;
            }

            foreach (var bookmark in state.Bookmarks.Where(which))
            {
                await instances.EnqueueAsync(new WorkRequest(instanceId, WorkRequestKind.Resume, time.GetUtcNow(), bookmark.Id, input), ct);
            }
        }
    }
}
