using System.Security.Cryptography;
using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Runtime.Definitions;

/// <summary>Told after each change <see cref="WorkflowDefinitionService"/> makes to a definition's versions, whoever
/// asked for it (the Elsa API, a bulk call, a built-in seed). The workflow system knows nothing of who its users are:
/// a host that keeps an audit trail registers an observer and adds the caller from its own request context.</summary>
public interface IWorkflowDefinitionObserver
{
    /// <summary>Runs after the change is stored. An exception fails the caller's request, though the change stays.</summary>
    Task OnChangedAsync(WorkflowDefinitionChange change, CancellationToken ct);
}

public enum WorkflowDefinitionChangeKind
{
    Saved,
    Published,
    Retracted,
    Reverted,
    Deleted,
}

/// <param name="Before">The version the change acted on as it was; null when there was none (a first save).</param>
/// <param name="After">The version as it is now; null when it was deleted.</param>
public sealed record WorkflowDefinitionChange(
    WorkflowDefinitionChangeKind Kind, string DefinitionId, WorkflowDefinitionSummary? Before, WorkflowDefinitionSummary? After);

/// <summary>What identifies a version without its whole graph. <paramref name="Sha256"/> hashes the activity graph
/// (<see cref="WorkflowDefinition.Root"/>), so two summaries with the same hash ran the same steps.</summary>
public sealed record WorkflowDefinitionSummary(string VersionId, int Version, string Name, bool IsPublished, bool IsLatest, string Sha256)
{
    public static WorkflowDefinitionSummary Of(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var graph = JsonSerializer.SerializeToUtf8Bytes(definition.Root, WorkflowJson.Options);
        return new(definition.Id, definition.Version, definition.Name, definition.IsPublished, definition.IsLatest,
            Convert.ToHexStringLower(SHA256.HashData(graph)));
    }
}
