using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;

namespace Failkit.Workflows.Runtime;

/// <summary>How to start an instance.</summary>
public sealed record StartRequest
{
    /// <summary>Which version to run; Published when null (Elsa's default).</summary>
    public VersionOptions? Version { get; init; }

    public IDictionary<string, object?>? Input { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>The trigger activity that fired, if a trigger started the instance.</summary>
    public string? TriggerActivityId { get; init; }

    /// <summary>A caller-chosen id makes the start idempotent: starting an existing id returns that instance.</summary>
    public string? InstanceId { get; init; }

    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}

/// <summary>The instance after a burst.</summary>
public sealed record RunResult(WorkflowState State)
{
    public string InstanceId => State.Id;

    public WorkflowStatus Status => State.Status;

    public WorkflowSubStatus SubStatus => State.SubStatus;

    public IReadOnlyList<Bookmark> Bookmarks => State.Bookmarks;

    public IReadOnlyList<Incident> Incidents => State.Incidents;
}

/// <summary>Runtime settings.</summary>
public sealed class RuntimeOptions
{
    /// <summary>Write the execution journal (one row per activity execution).</summary>
    public bool Journal { get; set; } = true;

    /// <summary>How long an idle worker waits before it polls the work queue again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Concurrent workers per process draining the work queue.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>A name for this replica, written into logs.</summary>
    public string NodeId { get; set; } = Environment.MachineName + ":" + Environment.ProcessId;
}

public sealed class InstanceNotFoundException(string id) : Exception($"Workflow instance '{id}' was not found.")
{
    public string InstanceId { get; } = id;
}

public sealed class BookmarkNotFoundException(string instanceId, string bookmarkId)
    : Exception($"Workflow instance '{instanceId}' has no bookmark '{bookmarkId}'.")
{
    public string BookmarkId { get; } = bookmarkId;
}
