using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Runtime.InMemory;

/// <summary>Definitions in process memory, for tests and benchmarks. Hands out copies only.</summary>
public sealed class InMemoryWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Dictionary<string, List<WorkflowDefinition>> _byDefinition = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _revision;

    public Task<IReadOnlyList<WorkflowDefinition>> GetVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<WorkflowDefinition>>(
                _byDefinition.TryGetValue(definitionId, out var v) ? v.Select(d => Copy(d)).ToList() : []);
        }
    }

    public Task<WorkflowDefinition?> FindByIdAsync(string versionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var d = _byDefinition.Values.SelectMany(v => v).FirstOrDefault(d => d.Id == versionId);
            return Task.FromResult(d is null ? null : Copy(d));
        }
    }

    public Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions options, IReadOnlyCollection<string>? definitionIds, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var all = _byDefinition.Values.SelectMany(v => v)
                .Where(d => options.Matches(d) && (definitionIds is null || definitionIds.Count == 0 || definitionIds.Contains(d.DefinitionId)))
                .Select(d => Copy(d))
                .ToList();
            return Task.FromResult<IReadOnlyList<WorkflowDefinition>>(all);
        }
    }

    public Task<T> UpdateAsync<T>(string definitionId, Func<List<WorkflowDefinition>, T> change, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var versions = _byDefinition.TryGetValue(definitionId, out var v) ? v.Select(d => Copy(d)).ToList() : [];
            var result = change(versions);
            foreach (var d in versions)
            {
                d.Revision = ++_revision;
            }

            if (versions.Count == 0)
            {
                _byDefinition.Remove(definitionId);
            }
            else
            {
                _byDefinition[definitionId] = versions.Select(d => Copy(d)).ToList();
            }

            return Task.FromResult(result);
        }
    }

    private static WorkflowDefinition Copy(WorkflowDefinition d)
    {
        var c = d.Clone();
        c.Revision = d.Revision;
        return c;
    }
}
