using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Activities;

/// <summary>A graph of activities joined by connections from outcome ports. Completes when no branch is left running.</summary>
[Activity("Elsa", "Flow", "A flowchart of activities joined by connections.", IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    private Dictionary<string, IActivity> _byId = new(StringComparer.Ordinal);
    private ILookup<string, Connection> _outbound = Array.Empty<Connection>().ToLookup(c => c.Source);
    private Dictionary<string, int> _inboundCount = new(StringComparer.Ordinal);

    public List<IActivity> Activities { get; set; } = [];

    public IReadOnlyList<Connection> Connections { get; private set; } = [];

    public override IEnumerable<IActivity> GetChildren() => Activities;

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var start = FindStart(context);
        if (start is null)
        {
            return context.CompleteAsync();
        }

        Schedule(context, start);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var pending = context.GetProperty<int>("pending") - 1;
        context.SetProperty("pending", pending);
        if (_byId.TryGetValue(child.ActivityId, out var completed) && completed is End)
        {
            context.CancelChildren();
            await context.CompleteAsync();
            return;
        }

        foreach (var c in _outbound[child.ActivityId])
        {
            if (!child.Outcomes.Contains(c.SourcePort, StringComparer.Ordinal) || !_byId.TryGetValue(c.Target, out var target))
            {
                continue;
            }

            if (target is FlowJoin join && !JoinReady(context, join, c))
            {
                continue;
            }

            Schedule(context, target);
        }

        if (context.GetProperty<int>("pending") == 0)
        {
            await context.CompleteAsync();
        }
    }

    private static void Schedule(ActivityExecutionContext context, IActivity activity)
    {
        context.SetProperty("pending", context.GetProperty<int>("pending") + 1);
        context.ScheduleActivity(activity);
    }

    private bool JoinReady(ActivityExecutionContext context, FlowJoin join, Connection via)
    {
        var key = "join:" + join.Id;
        var arrived = context.GetProperty<List<string>>(key) ?? [];
        var waitAny = string.Equals(context.Get(join.Mode), FlowJoin.WaitAny, StringComparison.OrdinalIgnoreCase);
        if (waitAny)
        {
            if (arrived.Count > 0)
            {
                return false;
            }

            context.SetProperty(key, new List<string> { via.Source });
            return true;
        }

        arrived.Add(via.Source + ":" + via.SourcePort);
        if (arrived.Count >= _inboundCount.GetValueOrDefault(join.Id))
        {
            context.Properties.Remove(key);
            return true;
        }

        context.SetProperty(key, arrived);
        return false;
    }

    private IActivity? FindStart(ActivityExecutionContext context)
    {
        if (context.Workflow.State.TriggerActivityId is { } trigger && _byId.TryGetValue(trigger, out var triggered))
        {
            return triggered;
        }

        return Activities.FirstOrDefault(a => a is Start)
            ?? Activities.FirstOrDefault(a => !_inboundCount.ContainsKey(a.Id))
            ?? Activities.FirstOrDefault();
    }

    protected internal override void OnMaterialized(JsonObject source, MaterializeContext context)
    {
        _byId = Activities.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var connections = new List<Connection>();
        foreach (var node in source["connections"] as JsonArray ?? [])
        {
            var c = node is JsonObject o ? Connection.Parse(o) : null;
            if (c is null)
            {
                context.Error(Id, "connections", "A connection lacks its source or target activity.");
                continue;
            }

            if (!_byId.ContainsKey(c.Source) || !_byId.ContainsKey(c.Target))
            {
                var missing = _byId.ContainsKey(c.Source) ? c.Target : c.Source;
                context.Error(missing, "connections", $"Connection {c.Source} -> {c.Target} refers to activity '{missing}', which this flowchart lacks.");
                continue;
            }

            connections.Add(c);
        }

        Connections = connections;
        _outbound = connections.ToLookup(c => c.Source, StringComparer.Ordinal);
        _inboundCount = connections.GroupBy(c => c.Target, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
