using System.Collections.Concurrent;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Core.Serialization;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Runtime;

/// <summary>Materialized graphs by version id and revision, plus a short-lived cache of "which version does
/// definition X resolve to", so a start costs no definition load in the steady state.</summary>
public sealed class WorkflowGraphCache(IWorkflowDefinitionStore store, WorkflowMaterializer materializer, TimeProvider time)
{
    /// <summary>How long another replica's publish may go unseen by this one.</summary>
    public static readonly TimeSpan ResolutionLifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(string Id, long Revision), WorkflowGraph> _graphs = new();
    private readonly ConcurrentDictionary<(string DefinitionId, string Options), (WorkflowGraph Graph, DateTimeOffset Until)> _resolved = new();
    private readonly ConcurrentDictionary<string, (WorkflowGraph Graph, DateTimeOffset Until)> _byVersion = new(StringComparer.Ordinal);
    private (IReadOnlyList<string> Ids, DateTimeOffset Until) _published = ([], DateTimeOffset.MinValue);

    /// <summary>The ids of all definitions with a published version, refreshed at most every
    /// <see cref="ResolutionLifetime"/> (and at once after a change in this process). Events consult it for
    /// Event triggers, so an event does not list every definition.</summary>
    public async Task<IReadOnlyList<string>> PublishedDefinitionIdsAsync(CancellationToken ct)
    {
        var cached = _published;
        if (cached.Until > time.GetUtcNow())
        {
            return cached.Ids;
        }

        var ids = (await store.ListAsync(VersionOptions.Published, null, ct)).Select(d => d.DefinitionId).Distinct().ToList();
        _published = (ids, time.GetUtcNow() + ResolutionLifetime);
        return ids;
    }

    public WorkflowGraph Get(WorkflowDefinition definition) =>
        _graphs.GetOrAdd((definition.Id, definition.Revision), _ => materializer.Materialize(definition));

    /// <summary>The graph of the version <paramref name="options"/> selects, or null if there is none.</summary>
    public async Task<WorkflowGraph?> ResolveAsync(string definitionId, VersionOptions options, CancellationToken ct)
    {
        var key = (definitionId, options.ToString());
        if (_resolved.TryGetValue(key, out var hit) && hit.Until > time.GetUtcNow())
        {
            return hit.Graph;
        }

        var definition = options.Pick(await store.GetVersionsAsync(definitionId, ct));
        if (definition is null)
        {
            return null;
        }

        var graph = Get(definition);
        _resolved[key] = (graph, time.GetUtcNow() + ResolutionLifetime);
        return graph;
    }

    /// <summary>The graph of one version, as resumed instances need it; cached like resolutions, since only an
    /// unpublished draft can change under the same version id.</summary>
    public async Task<WorkflowGraph?> GetByVersionIdAsync(string versionId, CancellationToken ct)
    {
        if (_byVersion.TryGetValue(versionId, out var hit) && hit.Until > time.GetUtcNow())
        {
            return hit.Graph;
        }

        var definition = await store.FindByIdAsync(versionId, ct);
        if (definition is null)
        {
            return null;
        }

        var graph = Get(definition);
        _byVersion[versionId] = (graph, time.GetUtcNow() + ResolutionLifetime);
        return graph;
    }

    public void Invalidate(string definitionId)
    {
        _published = ([], DateTimeOffset.MinValue);
        foreach (var key in _resolved.Keys.Where(k => k.DefinitionId == definitionId))
        {
            _resolved.TryRemove(key, out _);
        }

        foreach (var (versionId, entry) in _byVersion.Where(e => e.Value.Graph.Definition.DefinitionId == definitionId))
        {
            _byVersion.TryRemove(versionId, out _);
        }
    }
}
