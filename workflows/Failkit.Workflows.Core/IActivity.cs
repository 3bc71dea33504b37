using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>A node of a workflow graph. Activity objects are shared by all instances of a definition version:
/// keep per-execution state in the <see cref="ActivityExecutionContext"/>, never in fields.</summary>
public interface IActivity
{
    string Id { get; set; }

    /// <summary>The colon-joined path of ids from the workflow root, e.g. <c>Workflow1:flow1:boot1</c>.</summary>
    string NodeId { get; set; }

    string? Name { get; set; }

    string Type { get; }

    int Version { get; }

    JsonObject? CustomProperties { get; set; }

    ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Called when a child scheduled by this activity completes.</summary>
    ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child);

    /// <summary>Called when one of this activity's bookmarks is resumed.</summary>
    ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input);

    /// <summary>The activities this one contains (embedded ports, flowchart nodes).</summary>
    IEnumerable<IActivity> GetChildren();
}

/// <summary>What a parent learns about a completed child.</summary>
public sealed record ChildCompletion(string ActivityId, string NodeId, string ContextId, IReadOnlyList<string> Outcomes, object? Result);
