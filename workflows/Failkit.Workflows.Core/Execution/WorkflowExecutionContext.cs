using Failkit.Workflows.Core.Expressions;

namespace Failkit.Workflows.Core.Execution;

/// <summary>The live, in-memory form of an instance during one burst: contexts, scheduler and journal changes.</summary>
public sealed class WorkflowExecutionContext
{
    private readonly Queue<WorkItem> _queue = new();

    public WorkflowExecutionContext(
        WorkflowGraph graph, WorkflowState state, IServiceProvider services, TimeProvider time, bool journal, CancellationToken cancellationToken)
    {
        Graph = graph;
        State = state;
        Services = services;
        Time = time;
        JournalEnabled = journal;
        CancellationToken = cancellationToken;
        Restore();
    }

    public WorkflowGraph Graph { get; }

    public WorkflowState State { get; }

    public IServiceProvider Services { get; }

    public TimeProvider Time { get; }

    public bool JournalEnabled { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Journal rows written or changed in this burst; the store upserts them with the instance.</summary>
    public List<ActivityExecutionRecord> Journal { get; } = [];

    /// <summary>Called after each activity when the definition asks to commit per activity.</summary>
    public Func<WorkflowExecutionContext, ValueTask>? CommitHook { get; set; }

    internal Dictionary<string, ActivityExecutionContext> Contexts { get; } = new(StringComparer.Ordinal);

    internal JavaScriptEngineHolder Scripts { get; } = new();

    public bool IsFinished => State.Status == WorkflowStatus.Finished;

    public bool HasWork => _queue.Count > 0;

    public IEnumerable<ActivityExecutionContext> ActiveContexts => Contexts.Values;

    internal string NextId() => (State.NextSequence++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal string VariableName(string idOrName) => Graph.VariableNames.TryGetValue(idOrName, out var n) ? n : idOrName;

    internal void Enqueue(WorkItem item) => _queue.Enqueue(item);

    internal bool TryDequeue(out WorkItem item) => _queue.TryDequeue(out item!);

    /// <summary>Schedules the root activity of a new instance.</summary>
    public void ScheduleRoot()
    {
        var ctx = CreateContext(Graph.Root, null);
        Enqueue(new WorkItem(WorkKind.Execute, ctx.Id));
    }

    /// <summary>Burns the bookmark and schedules its resumption; false if the instance has no such bookmark.</summary>
    public bool ScheduleResume(string bookmarkId, object? input)
    {
        var index = State.Bookmarks.FindIndex(b => b.Id == bookmarkId);
        if (index < 0)
        {
            return false;
        }

        var bookmark = State.Bookmarks[index];
        State.Bookmarks.RemoveAt(index);
        Enqueue(new WorkItem(WorkKind.Resume, bookmark.ActivityInstanceId, bookmark, input));
        return true;
    }

    internal ActivityExecutionContext CreateContext(IActivity activity, ActivityExecutionContext? parent)
    {
        var state = new ActivityContextState
        {
            Id = NextId(),
            NodeId = activity.NodeId,
            ParentId = parent?.Id,
            Status = ActivityStatus.Running,
            StartedAt = Time.GetUtcNow(),
        };
        return Attach(activity, parent, state);
    }

    private ActivityExecutionContext Attach(IActivity activity, ActivityExecutionContext? parent, ActivityContextState state)
    {
        var ctx = new ActivityExecutionContext(this, activity, parent, state);
        if (JournalEnabled)
        {
            ctx.Record = NewRecord(activity, state);
        }

        Contexts[state.Id] = ctx;
        parent?.Children.Add(ctx);
        return ctx;
    }

    private ActivityExecutionRecord NewRecord(IActivity activity, ActivityContextState state) => new()
    {
        Id = $"{State.Id}:{state.Id}",
        WorkflowInstanceId = State.Id,
        ActivityId = activity.Id,
        NodeId = activity.NodeId,
        ActivityType = activity.Type,
        ActivityName = activity.Name,
        Status = state.Status,
        StartedAt = state.StartedAt,
        Sequence = long.Parse(state.Id, System.Globalization.CultureInfo.InvariantCulture),
    };

    internal void CancelDescendants(ActivityExecutionContext ancestor)
    {
        foreach (var child in ancestor.Children.ToList())
        {
            CancelDescendants(child);
            Remove(child, ActivityStatus.Cancelled);
        }
    }

    internal void Remove(ActivityExecutionContext ctx, ActivityStatus finalStatus)
    {
        Contexts.Remove(ctx.Id);
        ctx.Parent?.Children.Remove(ctx);
        if (State.Bookmarks.Count > 0)
        {
            State.Bookmarks.RemoveAll(b => b.ActivityInstanceId == ctx.Id);
        }

        if (ctx.Status is not ActivityStatus.Faulted)
        {
            ctx.Status = finalStatus;
        }

        WriteRecord(ctx, finished: true);
    }

    internal void WriteRecord(ActivityExecutionContext ctx, bool finished)
    {
        if (ctx.Record is not { } r)
        {
            return;
        }

        r.Status = ctx.Status;
        r.Attempts = ctx.Attempt;
        r.Inputs = ctx.StateRecord.Inputs;
        r.Outputs = ctx.StateRecord.Outputs;
        if (finished)
        {
            r.CompletedAt = Time.GetUtcNow();
            r.Outcomes = ctx.Outcomes;
        }

        Journal.Add(r);
    }

    /// <summary>Ends the instance with the given status, cancelling whatever still runs.</summary>
    public void Complete(WorkflowSubStatus subStatus, string? fault = null)
    {
        foreach (var ctx in Contexts.Values.ToList())
        {
            Remove(ctx, ActivityStatus.Cancelled);
        }

        _queue.Clear();
        State.Bookmarks.Clear();
        State.Status = WorkflowStatus.Finished;
        State.SubStatus = subStatus;
        State.Fault = fault ?? State.Fault;
        State.FinishedAt = Time.GetUtcNow();
    }

    /// <summary>Writes the live contexts and scheduler back into <see cref="State"/> for persistence.</summary>
    public void Snapshot()
    {
        State.Contexts = Contexts.Values.Select(c => c.StateRecord).ToList();
        State.Scheduled = [.. _queue];
        State.UpdatedAt = Time.GetUtcNow();
    }

    private void Restore()
    {
        foreach (var state in State.Contexts.OrderBy(c => long.Parse(c.Id, System.Globalization.CultureInfo.InvariantCulture)))
        {
            if (!Graph.Nodes.TryGetValue(state.NodeId, out var activity))
            {
                throw new InvalidOperationException($"Instance {State.Id} refers to node {state.NodeId}, which its definition version lacks.");
            }

            var parent = state.ParentId is { } pid && Contexts.TryGetValue(pid, out var p) ? p : null;
            Attach(activity, parent, state);
        }

        foreach (var item in State.Scheduled)
        {
            _queue.Enqueue(item);
        }

        State.Scheduled = [];
    }
}
