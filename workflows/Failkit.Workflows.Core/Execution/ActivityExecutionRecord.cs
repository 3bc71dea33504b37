namespace Failkit.Workflows.Core.Execution;

/// <summary>One journal row: one activity execution, from start to end, with its inputs and outputs.</summary>
public sealed class ActivityExecutionRecord
{
    public required string Id { get; init; }

    public required string WorkflowInstanceId { get; init; }

    public required string ActivityId { get; init; }

    public required string NodeId { get; init; }

    public required string ActivityType { get; init; }

    public string? ActivityName { get; init; }

    public ActivityStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    public IReadOnlyDictionary<string, object?>? Inputs { get; set; }

    public IReadOnlyDictionary<string, object?>? Outputs { get; set; }

    public IReadOnlyList<string>? Outcomes { get; set; }

    public string? Exception { get; set; }

    public int Attempts { get; set; } = 1;

    public long Sequence { get; init; }
}
