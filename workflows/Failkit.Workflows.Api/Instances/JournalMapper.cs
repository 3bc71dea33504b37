using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;

namespace Failkit.Workflows.Api.Instances;

/// <summary>Derives Elsa's event-per-row journal and activity-execution records from the engine's journal, which
/// keeps one row per activity execution from start to end.</summary>
public sealed class JournalMapper(ActivityRegistry registry)
{
    public IEnumerable<JournalRecord> Events(IReadOnlyList<ActivityExecutionRecord> rows)
    {
        var events = new List<(ActivityExecutionRecord Row, string Name, DateTimeOffset At)>();
        foreach (var row in rows)
        {
            events.Add((row, "Started", row.StartedAt));
            if (row.CompletedAt is { } done)
            {
                events.Add((row, row.Status switch
                {
                    ActivityStatus.Faulted => "Faulted",
                    ActivityStatus.Cancelled => "Cancelled",
                    _ => "Completed",
                }, done));
            }
        }

        long sequence = 0;
        foreach (var (row, name, at) in events.OrderBy(e => e.At).ThenBy(e => e.Row.Sequence).ThenBy(e => e.Name == "Started" ? 0 : 1))
        {
            yield return new JournalRecord(
                $"{row.Id}:{name}",
                ActivityInstanceIdOf(row),
                null,
                row.ActivityId,
                row.ActivityType,
                VersionOf(row.ActivityType),
                row.ActivityName,
                row.NodeId,
                at,
                sequence++,
                name,
                name == "Faulted" ? row.Exception : null,
                null,
                name == "Started" ? row.Inputs : null,
                name == "Started" ? null : new Dictionary<string, object?> { ["outputs"] = row.Outputs, ["outcomes"] = row.Outcomes });
        }
    }

    public ActivityExecutionModel ToExecution(ActivityExecutionRecord r) => new(
        r.Id, r.WorkflowInstanceId, r.ActivityId, r.NodeId, r.ActivityType, VersionOf(r.ActivityType), r.ActivityName,
        r.Inputs, r.Outputs, r.Outcomes is null ? null : new Dictionary<string, object?> { ["outcomes"] = r.Outcomes },
        r.Exception is null ? null : new ExceptionModel("Exception", r.Exception),
        r.StartedAt, r.Status == ActivityStatus.Suspended, ActivityStatusNames.Elsa(r.Status), FaultCount(r), r.CompletedAt);

    public ActivityExecutionSummaryModel ToSummary(ActivityExecutionRecord r) => new(
        r.Id, r.WorkflowInstanceId, r.ActivityId, r.NodeId, r.ActivityType, VersionOf(r.ActivityType), r.ActivityName,
        r.StartedAt, r.Status == ActivityStatus.Suspended, ActivityStatusNames.Elsa(r.Status), FaultCount(r), r.CompletedAt);

    public static ActivityExecutionStats Stats(string nodeId, IReadOnlyList<ActivityExecutionRecord> rows)
    {
        var completed = rows.Count(r => r.CompletedAt is not null);
        return new ActivityExecutionStats(
            InstanceMapper.ActivityIdOf(nodeId), nodeId, rows.Count, completed, rows.Count - completed,
            rows.Any(r => r.Status == ActivityStatus.Suspended), rows.Any(r => r.Status == ActivityStatus.Faulted),
            new Dictionary<string, object?>());
    }

    /// <summary>Row ids are <c>instanceId:contextId</c>; Elsa's activity instance id is the context id.</summary>
    private static string ActivityInstanceIdOf(ActivityExecutionRecord r) => r.Id[(r.Id.LastIndexOf(':') + 1)..];

    private static int FaultCount(ActivityExecutionRecord r) => r.Status == ActivityStatus.Faulted ? r.Attempts : r.Attempts - 1;

    private int VersionOf(string typeName) =>
        registry.All.FirstOrDefault(m => m.Info.TypeName == typeName)?.Info.Version ?? 1;
}
