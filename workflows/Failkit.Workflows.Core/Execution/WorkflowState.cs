namespace Failkit.Workflows.Core.Execution;

/// <summary>Everything needed to continue an instance after a restart. Persisted at every burst boundary.</summary>
public sealed class WorkflowState
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int DefinitionVersion { get; set; }

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;

    public WorkflowSubStatus SubStatus { get; set; } = WorkflowSubStatus.Pending;

    public Dictionary<string, object?> Variables { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Input { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Output { get; set; } = new(StringComparer.Ordinal);

    public List<Bookmark> Bookmarks { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    public List<ActivityContextState> Contexts { get; set; } = [];

    public List<WorkItem> Scheduled { get; set; } = [];

    /// <summary>Free-form instance properties, e.g. the parent instance that waits for this one.</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    public string? TriggerActivityId { get; set; }

    /// <summary>Source of deterministic activity execution ids: a re-run from the same state reuses the same ids.</summary>
    public long NextSequence { get; set; } = 1;

    public string? Fault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>An activity execution that has not completed yet.</summary>
public sealed class ActivityContextState
{
    public required string Id { get; set; }

    public required string NodeId { get; set; }

    public string? ParentId { get; set; }

    public ActivityStatus Status { get; set; }

    public int Attempt { get; set; } = 1;

    public DateTimeOffset StartedAt { get; set; }

    public Dictionary<string, object?> Properties { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?>? Inputs { get; set; }

    public Dictionary<string, object?>? Outputs { get; set; }
}

/// <summary>A unit of work on the instance's scheduler.</summary>
public sealed record WorkItem(WorkKind Kind, string ContextId, Bookmark? Bookmark = null, object? Input = null, ChildCompletion? Child = null);

public enum WorkKind
{
    Execute,
    Resume,
    ChildCompleted,
}
