using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Runtime.Stores;

/// <summary>Keeps every version of every definition. Versioning rules live in the definition service; a store only
/// loads and saves the versions of one definition atomically, under a per-definition lock.</summary>
public interface IWorkflowDefinitionStore
{
    Task<IReadOnlyList<WorkflowDefinition>> GetVersionsAsync(string definitionId, CancellationToken cancellationToken);

    Task<WorkflowDefinition?> FindByIdAsync(string versionId, CancellationToken cancellationToken);

    /// <summary>Definitions whose version matches <paramref name="options"/>, optionally limited to some definition ids.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions options, IReadOnlyCollection<string>? definitionIds, CancellationToken cancellationToken);

    /// <summary>Loads all versions of a definition under its lock, lets <paramref name="change"/> edit the list
    /// (add, remove, modify), and saves the result atomically.</summary>
    Task<T> UpdateAsync<T>(string definitionId, Func<List<WorkflowDefinition>, T> change, CancellationToken cancellationToken);
}
