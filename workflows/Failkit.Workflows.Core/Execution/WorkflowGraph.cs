using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core.Execution;

/// <summary>A materialized definition version: shared, immutable activity objects indexed by node id.</summary>
public sealed class WorkflowGraph
{
    public WorkflowGraph(WorkflowDefinition definition, IActivity root)
    {
        Definition = definition;
        Root = root;
        Index(root);
        foreach (var v in definition.Variables ?? [])
        {
            VariableNames[v.Id] = v.Name;
            VariableNames[v.Name] = v.Name;
        }

        var strategy = (string?)definition.Options?["incidentStrategyType"];
        ContinueOnIncident = strategy?.Contains("Continue", StringComparison.OrdinalIgnoreCase) == true;
        CommitEachActivity = ((string?)definition.Options?["commitStrategyName"])?.Contains("Activity", StringComparison.OrdinalIgnoreCase) == true;
        Triggers = FindTriggers(root);
    }

    public WorkflowDefinition Definition { get; }

    public IActivity Root { get; }

    public Dictionary<string, IActivity> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Variable id or name to variable name.</summary>
    public Dictionary<string, string> VariableNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The incident strategy: fault the workflow (default) or record the incident and continue.</summary>
    public bool ContinueOnIncident { get; }

    /// <summary>Commit after each activity instead of each burst (options.commitStrategyName).</summary>
    public bool CommitEachActivity { get; }

    /// <summary>Trigger activities of the root (cron, timer, event) that can start new instances.</summary>
    public IReadOnlyList<IActivity> Triggers { get; }

    /// <summary>As in Elsa, a trigger starts new instances only when marked <c>customProperties.canStartWorkflow</c>
    /// and placed at an entry of the root (a flowchart node without inbound connections, or a sequence's first
    /// activity). Anywhere else, or unmarked, it is a wait inside a running instance.</summary>
    private static List<IActivity> FindTriggers(IActivity root)
    {
        static bool IsTrigger(IActivity a) =>
            ActivityTypeInfo.Of(a.GetType()).Attribute?.Kind == ActivityKind.Trigger &&
            a.CustomProperties?["canStartWorkflow"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var can) && can;
        return root switch
        {
            Activities.Flowchart f => f.Activities.Where(a => IsTrigger(a) && !f.Connections.Any(c => c.Target == a.Id)).ToList(),
            Activities.Sequence { Activities: [var first, ..] } when IsTrigger(first) => [first],
            _ => IsTrigger(root) ? [root] : [],
        };
    }

    private void Index(IActivity activity)
    {
        Nodes[activity.NodeId] = activity;
        foreach (var child in activity.GetChildren())
        {
            Index(child);
        }
    }
}
