using Failkit.Workflows.Core;

namespace Failkit.Workflows.Api.Instances;

/// <summary>One journal entry (Elsa's WorkflowExecutionLogRecord); a journal row yields Started and, once the
/// activity is done, Completed, Faulted or Cancelled.</summary>
public sealed record JournalRecord(
    string Id,
    string ActivityInstanceId,
    string? ParentActivityInstanceId,
    string ActivityId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    string NodeId,
    DateTimeOffset Timestamp,
    long Sequence,
    string EventName,
    string? Message,
    string? Source,
    IReadOnlyDictionary<string, object?>? ActivityState,
    object? Payload);

/// <summary>The body of <c>POST /workflow-instances/{id}/journal</c>.</summary>
public sealed record JournalRequest(JournalFilter? Filter);

public sealed record JournalFilter(
    IReadOnlyList<string>? ActivityIds, IReadOnlyList<string>? ActivityNodeIds, IReadOnlyList<string>? ExcludedActivityTypes, IReadOnlyList<string>? EventNames);

/// <summary>Elsa's ActivityExecutionRecord, from one journal row.</summary>
public sealed record ActivityExecutionModel(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    IReadOnlyDictionary<string, object?>? ActivityState,
    IReadOnlyDictionary<string, object?>? Outputs,
    IReadOnlyDictionary<string, object?>? Payload,
    ExceptionModel? Exception,
    DateTimeOffset StartedAt,
    bool HasBookmarks,
    string Status,
    int AggregateFaultCount,
    DateTimeOffset? CompletedAt);

/// <summary>The summary form, without inputs and outputs.</summary>
public sealed record ActivityExecutionSummaryModel(
    string Id, string WorkflowInstanceId, string ActivityId, string ActivityNodeId, string ActivityType, int ActivityTypeVersion, string? ActivityName,
    DateTimeOffset StartedAt, bool HasBookmarks, string Status, int AggregateFaultCount, DateTimeOffset? CompletedAt);

public sealed record ActivityExecutionReportRequest(string? WorkflowInstanceId, IReadOnlyList<string>? ActivityNodeIds);

public sealed record ActivityExecutionReport(IReadOnlyList<ActivityExecutionStats> Stats);

/// <summary>Per-node counters; they drive the badges on the instance viewer's nodes.</summary>
public sealed record ActivityExecutionStats(
    string ActivityId, string ActivityNodeId, int StartedCount, int CompletedCount, int UncompletedCount, bool IsBlocked, bool IsFaulted,
    IReadOnlyDictionary<string, object?> Metadata);

internal static class ActivityStatusNames
{
    /// <summary>Elsa's activity statuses: Pending, Running, Completed, Canceled, Faulted.</summary>
    public static string Elsa(ActivityStatus status) => status switch
    {
        ActivityStatus.Completed => "Completed",
        ActivityStatus.Faulted => "Faulted",
        ActivityStatus.Cancelled => "Canceled",
        _ => "Running",
    };
}
