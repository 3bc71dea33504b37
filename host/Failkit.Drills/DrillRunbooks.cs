using System.Text.Json.Nodes;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Drills;

/// <summary>One drill runbook with every stored version, newest first.</summary>
public sealed record DrillRunbook(string DefinitionId, string Name, IReadOnlyList<WorkflowDefinition> Versions)
{
    /// <summary>The version a drill runs when none is named: the published one (what <see cref="DrillLauncher"/> picks).</summary>
    public WorkflowDefinition? Published => Versions.FirstOrDefault(v => v.IsPublished);
}

/// <summary>Which workflow definitions are drill runbooks: those that choose recovery points, the step every drill
/// needs before it boots anything (the built-in <c>drill-runbook</c> and its copies).</summary>
public static class DrillRunbooks
{
    public const string MarkerActivity = "Failkit.SelectRecoveryPoints";

    public static async Task<IReadOnlyList<DrillRunbook>> ListAsync(IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var runbooks = new List<DrillRunbook>();
        var latest = await definitions.ListAsync(VersionOptions.Latest, null, ct);
        foreach (var id in latest.Where(d => Uses(d.Root, MarkerActivity)).Select(d => d.DefinitionId).Distinct())
        {
            var versions = (await definitions.GetVersionsAsync(id, ct)).OrderByDescending(v => v.Version).ToList();
            runbooks.Add(new DrillRunbook(id, versions[0].Name is { Length: > 0 } name ? name : id, versions));
        }

        return [.. runbooks.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static bool Uses(JsonNode? node, string type) => node switch
    {
        JsonObject obj => (obj["type"] is JsonValue v && v.TryGetValue<string>(out var t) && t == type) || obj.Any(p => Uses(p.Value, type)),
        JsonArray array => array.Any(item => Uses(item, type)),
        _ => false,
    };
}
