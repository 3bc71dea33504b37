using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Bench;

/// <summary>Fills a store with finished instances: copies of a real finished run of the 20-activity sequence (state
/// and its 21 journal rows), written through the store's own commit, as many runs would have left them.</summary>
public static class History
{
    public static async Task<LoopResult> SeedAsync(OurHost host, int count, int concurrency)
    {
        var template = await host.StartAsync(Definitions.SequenceId);
        var json = StateSerializer.SerializeToString(template.State);
        var journal = await host.Instances.GetJournalAsync(template.InstanceId, CancellationToken.None);
        return await ClosedLoop.RunAsync(concurrency, count, TimeSpan.FromHours(1), async () =>
        {
            var state = StateSerializer.Deserialize(json);
            state.Id = Guid.NewGuid().ToString("N");
            var rows = journal.Select(r => Copy(r, state.Id)).ToList();
            await using var session = await host.Instances.OpenAsync(state.Id, CancellationToken.None);
            await session.CommitAsync(new InstanceCommit(state, rows, []), CancellationToken.None);
        });
    }

    private static ActivityExecutionRecord Copy(ActivityExecutionRecord r, string instanceId) => new()
    {
        Id = instanceId + r.Id[r.Id.IndexOf(':', StringComparison.Ordinal)..],
        WorkflowInstanceId = instanceId,
        ActivityId = r.ActivityId,
        NodeId = r.NodeId,
        ActivityType = r.ActivityType,
        ActivityName = r.ActivityName,
        Status = r.Status,
        StartedAt = r.StartedAt,
        CompletedAt = r.CompletedAt,
        Inputs = r.Inputs,
        Outputs = r.Outputs,
        Outcomes = r.Outcomes,
        Exception = r.Exception,
        Attempts = r.Attempts,
        Sequence = r.Sequence,
    };
}
