using System.Collections.Concurrent;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Runtime.InMemory;

/// <summary>Instances in process memory, for tests and benchmarks. State is kept serialized, like a database would,
/// so a burst that throws never leaves a half-changed instance behind. Lookups are by key: no scans per step.</summary>
public sealed class InMemoryWorkflowInstanceStore(TimeProvider time) : IWorkflowInstanceStore
{
    private readonly ConcurrentDictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Name, string? Hash), ConcurrentDictionary<string, Bookmark>> _bookmarksByKey = new();
    private readonly PriorityQueue<WorkRequest, DateTimeOffset> _work = new();
    private readonly Lock _workLock = new();
    private long _workIds;

    public async Task<IInstanceSession> OpenAsync(string instanceId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(instanceId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Session(this, instanceId, gate, null);
    }

    public async Task<IInstanceSession?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        WorkRequest? work;
        lock (_workLock)
        {
            if (!_work.TryPeek(out work, out var due) || due > time.GetUtcNow())
            {
                return null;
            }

            _work.Dequeue();
        }

        var gate = _locks.GetOrAdd(work.InstanceId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Session(this, work.InstanceId, gate, work);
    }

    public Task EnqueueAsync(WorkRequest work, CancellationToken cancellationToken)
    {
        Enqueue(work);
        return Task.CompletedTask;
    }

    public Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var e) ? StateSerializer.Deserialize(e.State) : null);

    public Task<(IReadOnlyList<WorkflowState> Items, int Total)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        var q = query;
        var matches = _instances.Values.Select(e => e.Summary).Where(s =>
                (q.DefinitionId is null || s.DefinitionId == q.DefinitionId) &&
                (q.DefinitionIds is not { Count: > 0 } || q.DefinitionIds.Contains(s.DefinitionId)) &&
                (q.CorrelationId is null || s.CorrelationId == q.CorrelationId) &&
                (q.Status is null || s.Status == q.Status) &&
                (q.SubStatuses is not { Count: > 0 } || q.SubStatuses.Contains(s.SubStatus)) &&
                (q.CreatedFrom is null || s.CreatedAt >= q.CreatedFrom) &&
                (q.CreatedTo is null || s.CreatedAt <= q.CreatedTo) &&
                (string.IsNullOrEmpty(q.SearchTerm) || (s.Name ?? "").Contains(q.SearchTerm, StringComparison.OrdinalIgnoreCase) || s.Id.Contains(q.SearchTerm, StringComparison.Ordinal)))
            .ToList();
        var ordered = q.Descending ? matches.OrderByDescending(s => s.CreatedAt) : matches.OrderBy(s => s.CreatedAt);
        var page = ordered.Skip(q.Page * q.PageSize).Take(q.PageSize).ToList();
        return Task.FromResult<(IReadOnlyList<WorkflowState>, int)>((page, matches.Count));
    }

    public Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? hash, string? correlationId, CancellationToken cancellationToken)
    {
        IEnumerable<Bookmark> candidates = hash is not null
            ? _bookmarksByKey.TryGetValue((name, hash), out var byId) ? byId.Values : []
            : _bookmarksByKey.Where(kv => kv.Key.Name == name).SelectMany(kv => kv.Value.Values);
        var found = candidates
            .Where(b => correlationId is null || (_instances.TryGetValue(InstanceOf(b), out var e) && e.Summary.CorrelationId == correlationId))
            .ToList();
        return Task.FromResult<IReadOnlyList<Bookmark>>(found);
    }

    public Task<IReadOnlyList<ActivityExecutionRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ActivityExecutionRecord>>(
            _instances.TryGetValue(instanceId, out var e) ? e.Journal.Values.OrderBy(r => r.Sequence).ToList() : []);

    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (!_instances.TryRemove(instanceId, out var entry))
        {
            return Task.FromResult(false);
        }

        foreach (var b in entry.Bookmarks)
        {
            if (_bookmarksByKey.TryGetValue((b.Name, b.Hash), out var set))
            {
                set.TryRemove(b.Id, out _);
            }
        }

        _locks.TryRemove(instanceId, out _);
        return Task.FromResult(true);
    }

    private static string InstanceOf(Bookmark b) => b.Id[..b.Id.LastIndexOf(':')];

    private void Enqueue(WorkRequest work)
    {
        lock (_workLock)
        {
            _work.Enqueue(work.Id == 0 ? work with { Id = ++_workIds } : work, work.DueAt);
        }
    }

    private void Commit(InstanceCommit commit)
    {
        var s = commit.State;
        var entry = _instances.GetOrAdd(s.Id, static _ => new Entry());
        lock (entry)
        {
            entry.State = StateSerializer.Serialize(s);
            entry.Summary = Summarize(s);
            foreach (var b in entry.Bookmarks)
            {
                if (_bookmarksByKey.TryGetValue((b.Name, b.Hash), out var set))
                {
                    set.TryRemove(b.Id, out _);
                }
            }

            entry.Bookmarks = [.. s.Bookmarks];
            foreach (var b in entry.Bookmarks)
            {
                _bookmarksByKey.GetOrAdd((b.Name, b.Hash), static _ => new(StringComparer.Ordinal))[b.Id] = b;
            }
            foreach (var r in commit.Journal)
            {
                entry.Journal[r.Id] = r;
            }
        }

        foreach (var w in commit.NewWork)
        {
            Enqueue(w);
        }
    }

    private static WorkflowState Summarize(WorkflowState s) => new()
    {
        Id = s.Id,
        DefinitionId = s.DefinitionId,
        DefinitionVersionId = s.DefinitionVersionId,
        DefinitionVersion = s.DefinitionVersion,
        CorrelationId = s.CorrelationId,
        Name = s.Name,
        Status = s.Status,
        SubStatus = s.SubStatus,
        Incidents = [.. s.Incidents],
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        FinishedAt = s.FinishedAt,
    };

    private sealed class Entry
    {
        public byte[] State { get; set; } = [];

        public WorkflowState Summary { get; set; } = null!;

        public List<Bookmark> Bookmarks { get; set; } = [];

        public Dictionary<string, ActivityExecutionRecord> Journal { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Session(InMemoryWorkflowInstanceStore store, string instanceId, SemaphoreSlim gate, WorkRequest? work) : IInstanceSession
    {
        private bool _released;
        private bool _settled;

        public string InstanceId => instanceId;

        public WorkflowState? State { get; } = store._instances.TryGetValue(instanceId, out var e) ? StateSerializer.Deserialize(e.State) : null;

        public WorkRequest? Work => work;

        public Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
        {
            store.Commit(commit);
            _settled = true;
            return Task.CompletedTask;
        }

        public Task DiscardWorkAsync(CancellationToken cancellationToken)
        {
            _settled = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_released)
            {
                _released = true;
                if (work is not null && !_settled)
                {
                    // Like a rolled-back claim in the database: the item is due again.
                    store.Enqueue(work);
                }

                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
