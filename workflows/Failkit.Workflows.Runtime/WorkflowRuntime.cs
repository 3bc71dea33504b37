using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Core.Expressions;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Runtime;

/// <summary>Starts, resumes, dispatches and cancels instances. Each burst runs under the instance's lock and ends
/// in one commit of state, bookmarks, journal and follow-up work.</summary>
public sealed partial class WorkflowRuntime(
    IWorkflowInstanceStore instances, WorkflowGraphCache graphs, IServiceProvider services, TimeProvider time, RuntimeOptions options)
{
    public const string ParentInstanceKey = "parentInstanceId";
    public const string ParentBookmarkKey = "parentBookmarkId";

    /// <summary>How often one replica retries a work item whose burst keeps throwing before it faults the instance.</summary>
    public const int MaxWorkAttempts = 5;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (int Count, string Error)> _failures = new();

    /// <summary>Runs a new instance now, in the caller, until it finishes or waits.</summary>
    public async Task<RunResult> StartAsync(string definitionId, StartRequest request, CancellationToken ct)
    {
        var graph = await graphs.ResolveAsync(definitionId, request.Version ?? VersionOptions.Published, ct)
            ?? throw new DefinitionNotFoundException(definitionId);
        var state = NewState(graph, request);
        await using var session = await instances.OpenAsync(state.Id, ct);
        if (session.State is { } existing)
        {
            return new RunResult(existing);
        }

        return await RunAsync(session, graph, state, wf => wf.ScheduleRoot(), ct);
    }

    /// <summary>Queues a new instance for any replica's worker; returns its id at once.</summary>
    public async Task<string> DispatchAsync(string definitionId, StartRequest request, CancellationToken ct)
    {
        var graph = await graphs.ResolveAsync(definitionId, request.Version ?? VersionOptions.Published, ct)
            ?? throw new DefinitionNotFoundException(definitionId);
        var state = NewState(graph, request);
        await using var session = await instances.OpenAsync(state.Id, ct);
        if (session.State is null)
        {
            await session.CommitAsync(new InstanceCommit(state, [], [new WorkRequest(state.Id, WorkRequestKind.Start, time.GetUtcNow())]), ct);
        }

        return state.Id;
    }

    /// <summary>Resumes one bookmark with an input.</summary>
    public async Task<RunResult> ResumeAsync(string instanceId, string bookmarkId, object? input, CancellationToken ct)
    {
        await using var session = await instances.OpenAsync(instanceId, ct);
        var state = session.State ?? throw new InstanceNotFoundException(instanceId);
        if (!state.Bookmarks.Exists(b => b.Id == bookmarkId))
        {
            throw new BookmarkNotFoundException(instanceId, bookmarkId);
        }

        var graph = await GraphOf(state, ct);
        return await RunAsync(session, graph, state, wf => wf.ScheduleResume(bookmarkId, input), ct);
    }

    /// <summary>Cancels a running instance; its bookmarks and pending timers stop counting.</summary>
    public async Task<RunResult> CancelAsync(string instanceId, CancellationToken ct)
    {
        await using var session = await instances.OpenAsync(instanceId, ct);
        var state = session.State ?? throw new InstanceNotFoundException(instanceId);
        if (state.Status == WorkflowStatus.Finished)
        {
            return new RunResult(state);
        }

        var wf = new WorkflowExecutionContext(await GraphOf(state, ct), state, services, time, options.Journal, ct);
        wf.Complete(WorkflowSubStatus.Cancelled);
        wf.Snapshot();
        await CommitAsync(session, wf, [], ct);
        return new RunResult(state);
    }

    public Task<WorkflowState?> GetAsync(string instanceId, CancellationToken ct) => instances.GetAsync(instanceId, ct);

    /// <summary>Claims and runs one due work item; false when the queue has nothing due.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        await using var session = await instances.ClaimNextAsync(ct);
        if (session is null)
        {
            return false;
        }

        var work = session.Work!;
        var state = session.State;
        if (state is null || state.Status == WorkflowStatus.Finished)
        {
            await session.DiscardWorkAsync(ct);
            return true;
        }

        if (await graphs.GetByVersionIdAsync(state.DefinitionVersionId, ct) is not { } graph)
        {
            // Its definition version was deleted: the instance can never run again.
            await FaultAsync(session, state, $"Definition version {state.DefinitionVersionId} no longer exists.", ct);
            return true;
        }

        if (_failures.TryGetValue(work.Id, out var failed) && failed.Count >= MaxWorkAttempts)
        {
            _failures.TryRemove(work.Id, out _);
            await FaultAsync(session, state, $"Gave up after {failed.Count} failed attempts to run it: {failed.Error}", ct);
            return true;
        }

        try
        {
            await RunWorkAsync(session, graph, state, work, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Not an activity fault (those become incidents) but the machinery itself: the claimed item stays
            // queued and is retried, up to MaxWorkAttempts, instead of blocking a worker forever.
            _failures.AddOrUpdate(work.Id, (1, ex.Message), (_, f) => (f.Count + 1, ex.Message));
            throw;
        }

        _failures.TryRemove(work.Id, out _);
        return true;
    }

    private async Task RunWorkAsync(IInstanceSession session, WorkflowGraph graph, WorkflowState state, WorkRequest work, CancellationToken ct)
    {
        if (work.Kind == WorkRequestKind.Start && state.SubStatus == WorkflowSubStatus.Pending && state.Contexts.Count == 0)
        {
            await RunAsync(session, graph, state, wf => wf.ScheduleRoot(), ct);
        }
        else if (work.Kind == WorkRequestKind.Resume && work.BookmarkId is { } bookmarkId && state.Bookmarks.Exists(b => b.Id == bookmarkId))
        {
            var input = work.InputJson is null ? null : ValueConverter.Unwrap(JsonDocument.Parse(work.InputJson).RootElement.Clone());
            await RunAsync(session, graph, state, wf => wf.ScheduleResume(bookmarkId, input), ct);
        }
        else
        {
            await session.DiscardWorkAsync(ct);
        }
    }

    /// <summary>Ends an instance that can never run again as faulted, so its work item stops being retried.</summary>
    private async Task FaultAsync(IInstanceSession session, WorkflowState state, string reason, CancellationToken ct)
    {
        (state.Status, state.SubStatus, state.Fault) = (WorkflowStatus.Finished, WorkflowSubStatus.Faulted, reason);
        state.Bookmarks.Clear();
        state.Contexts.Clear();
        state.FinishedAt = state.UpdatedAt = time.GetUtcNow();
        await session.CommitAsync(new InstanceCommit(state, [], []), ct);
    }

    private async Task<WorkflowGraph> GraphOf(WorkflowState state, CancellationToken ct) =>
        await graphs.GetByVersionIdAsync(state.DefinitionVersionId, ct)
        ?? throw new DefinitionNotFoundException(state.DefinitionVersionId);

    private async Task<RunResult> RunAsync(
        IInstanceSession session, WorkflowGraph graph, WorkflowState state, Action<WorkflowExecutionContext> seed, CancellationToken ct)
    {
        var knownTimers = state.Bookmarks.Where(b => b.ResumeAt is not null).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var wf = new WorkflowExecutionContext(graph, state, services, time, options.Journal, ct);
        seed(wf);
        wf.CommitHook = w => new ValueTask(CommitAsync(session, w, knownTimers, ct));
        await WorkflowRunner.RunAsync(wf);
        await CommitAsync(session, wf, knownTimers, ct);
        return new RunResult(state);
    }

    private async Task CommitAsync(IInstanceSession session, WorkflowExecutionContext wf, HashSet<string> knownTimers, CancellationToken ct)
    {
        var state = wf.State;
        var work = new List<WorkRequest>();
        foreach (var b in state.Bookmarks)
        {
            if (b.ResumeAt is { } due && knownTimers.Add(b.Id))
            {
                work.Add(new WorkRequest(state.Id, WorkRequestKind.Resume, due, b.Id));
            }
        }

        if (state.Status == WorkflowStatus.Finished &&
            state.Properties.TryGetValue(ParentInstanceKey, out var parent) &&
            state.Properties.TryGetValue(ParentBookmarkKey, out var parentBookmark))
        {
            var result = new ChildWorkflowResult(state.Id, true, state.SubStatus == WorkflowSubStatus.Faulted, state.Fault, state.Output);
            work.Add(new WorkRequest(parent, WorkRequestKind.Resume, time.GetUtcNow(), parentBookmark, JsonSerializer.Serialize(result, WorkflowJson.Options)));
        }

        await session.CommitAsync(new InstanceCommit(state, [.. wf.Journal], work), ct);
        wf.Journal.Clear();
    }

    private WorkflowState NewState(WorkflowGraph graph, StartRequest request)
    {
        var d = graph.Definition;
        var now = time.GetUtcNow();
        var state = new WorkflowState
        {
            Id = request.InstanceId ?? Guid.NewGuid().ToString("N"),
            DefinitionId = d.DefinitionId,
            DefinitionVersionId = d.Id,
            DefinitionVersion = d.Version,
            CorrelationId = request.CorrelationId,
            Name = d.Name,
            TriggerActivityId = request.TriggerActivityId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var v in d.Variables ?? [])
        {
            var type = TypeAliases.TypeOf(v.TypeName) ?? typeof(object);
            state.Variables[v.Name] = v.Value is null ? null : ValueConverter.Convert(ValueConverter.Unwrap(v.Value), v.IsArray ? type.MakeArrayType() : type);
        }

        foreach (var (k, val) in request.Input ?? new Dictionary<string, object?>())
        {
            state.Input[k] = ValueConverter.Unwrap(val);
        }

        foreach (var (k, val) in request.Properties ?? new Dictionary<string, string>())
        {
            state.Properties[k] = val;
        }

        return state;
    }
}
