using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;

namespace Failkit.Workflows.Runtime.Stores;

/// <summary>Instances, bookmarks, the journal and the work queue (dispatches and timers). All writes of one burst
/// happen in one <see cref="IInstanceSession.CommitAsync"/>, so no instance is ever left unable to resume.</summary>
public interface IWorkflowInstanceStore
{
    /// <summary>Opens a session on an instance and locks it; <see cref="IInstanceSession.State"/> is null if it does not exist.</summary>
    Task<IInstanceSession> OpenAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Claims the next due work item and locks its instance, or returns null when nothing is due.
    /// Replicas never claim the same item.</summary>
    Task<IInstanceSession?> ClaimNextAsync(CancellationToken cancellationToken);

    /// <summary>Queues work outside any session (a dispatch of a new instance carries its state in the commit instead).</summary>
    Task EnqueueAsync(WorkRequest work, CancellationToken cancellationToken);

    Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken);

    Task<(IReadOnlyList<WorkflowState> Items, int Total)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? hash, string? correlationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ActivityExecutionRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>A locked unit of work on one instance.</summary>
public interface IInstanceSession : IAsyncDisposable
{
    string InstanceId { get; }

    WorkflowState? State { get; }

    /// <summary>The claimed work item, when the session came from <see cref="IWorkflowInstanceStore.ClaimNextAsync"/>.</summary>
    WorkRequest? Work { get; }

    /// <summary>Writes state, bookmarks, journal rows and new work, and removes the claimed item, atomically.
    /// The session stays usable (and locked) for a later commit of the same instance.</summary>
    Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken);

    /// <summary>Removes the claimed work item without touching the instance (stale timer, finished instance).</summary>
    Task DiscardWorkAsync(CancellationToken cancellationToken);
}

/// <summary>What one burst changed.</summary>
public sealed record InstanceCommit(WorkflowState State, IReadOnlyList<ActivityExecutionRecord> Journal, IReadOnlyList<WorkRequest> NewWork);

public enum WorkRequestKind
{
    Start,
    Resume,
}

/// <summary>A queued request to run an instance: start a dispatched instance, or resume a bookmark (timers are
/// resume requests that become due at the bookmark's time).</summary>
public sealed record WorkRequest(string InstanceId, WorkRequestKind Kind, DateTimeOffset DueAt, string? BookmarkId = null, string? InputJson = null)
{
    public long Id { get; init; }
}

/// <summary>Filters of the instance list (Elsa's POST /workflow-instances body).</summary>
public sealed record InstanceQuery
{
    public int Page { get; init; }

    public int PageSize { get; init; } = 50;

    public string? DefinitionId { get; init; }

    public IReadOnlyCollection<string>? DefinitionIds { get; init; }

    public string? CorrelationId { get; init; }

    public WorkflowStatus? Status { get; init; }

    public IReadOnlyCollection<WorkflowSubStatus>? SubStatuses { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public string? SearchTerm { get; init; }

    public bool Descending { get; init; } = true;
}
