using System.Text.Json.Nodes;
using Failkit.Workflows.Core;

namespace Failkit.Workflows.Api.Instances;

/// <summary>A row of the instance list (Elsa's WorkflowInstanceSummary).</summary>
public sealed record WorkflowInstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    string? CorrelationId,
    string? Name,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>An instance with its state, as the instance viewer reads it.</summary>
public sealed record WorkflowInstanceModel(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    string? CorrelationId,
    string? Name,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    WorkflowStateModel WorkflowState);

/// <summary>Elsa's WorkflowState shape, projected from the engine's state.</summary>
public sealed record WorkflowStateModel
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string DefinitionVersionId { get; init; }

    public int DefinitionVersion { get; init; }

    public string? CorrelationId { get; init; }

    public WorkflowStatus Status { get; init; }

    public WorkflowSubStatus SubStatus { get; init; }

    public required IReadOnlyList<BookmarkModel> Bookmarks { get; init; }

    public required IReadOnlyList<IncidentModel> Incidents { get; init; }

    public FaultModel? Fault { get; init; }

    public IReadOnlyList<object> CompletionCallbacks { get; init; } = [];

    public required IReadOnlyList<ActivityExecutionContextModel> ActivityExecutionContexts { get; init; }

    public required IReadOnlyDictionary<string, object?> Input { get; init; }

    public required IReadOnlyDictionary<string, object?> Output { get; init; }

    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>Not in Elsa's state (it keeps variables per context); added because operators ask for them.</summary>
    public required IReadOnlyDictionary<string, object?> Variables { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}

public sealed record BookmarkModel(
    string Id, string Name, string? Hash, JsonNode? Payload, string ActivityId, string ActivityNodeId, string ActivityInstanceId, DateTimeOffset CreatedAt, DateTimeOffset? ResumeAt);

public sealed record IncidentModel(string ActivityId, string ActivityNodeId, string ActivityType, string Message, ExceptionModel? Exception, DateTimeOffset Timestamp, int Attempts);

public sealed record ExceptionModel(string Type, string Message);

public sealed record FaultModel(string Message, ExceptionModel? Exception);

public sealed record ActivityExecutionContextModel(
    string Id, string? ParentContextId, string ScheduledActivityNodeId, ActivityStatus Status, DateTimeOffset StartedAt, int FaultCount,
    IReadOnlyDictionary<string, object?>? ActivityState, IReadOnlyDictionary<string, object?> Properties);

/// <summary>Elsa's instance filter body of <c>POST /workflow-instances</c>. Status names are strings so that a
/// status this engine lacks (Interrupted) filters to nothing instead of failing the request.</summary>
public sealed record InstanceListRequest
{
    public int Page { get; init; }

    public int? PageSize { get; init; }

    public string? SearchTerm { get; init; }

    public string? DefinitionId { get; init; }

    public IReadOnlyList<string>? DefinitionIds { get; init; }

    public string? CorrelationId { get; init; }

    public int? Version { get; init; }

    public bool? HasIncidents { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<string>? Statuses { get; init; }

    public string? SubStatus { get; init; }

    public IReadOnlyList<string>? SubStatuses { get; init; }

    public string? OrderDirection { get; init; }

    public IReadOnlyList<TimestampFilter>? TimestampFilters { get; init; }
}

/// <summary>Only the <c>CreatedAt</c> column is filtered; the store does not index the others.</summary>
public sealed record TimestampFilter(string? Column, string? Operator, DateTimeOffset? Timestamp);

public sealed record ResolvedVariable(string Id, string Name, object? Value);

public sealed record ExecutionStateResponse(WorkflowStatus Status, WorkflowSubStatus WorkflowSubStatus, DateTimeOffset UpdatedAt);
