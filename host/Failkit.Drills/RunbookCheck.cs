using System.Text.Json.Nodes;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Drills;

/// <summary>Finds the runbook version a drill will run and checks that every VM it names belongs to the group.</summary>
internal static class RunbookCheck
{
    public static async Task<WorkflowDefinition?> ResolveAsync(IWorkflowDefinitionStore definitions, string definitionId, int? version,
        ProtectionGroup group, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var versions = await definitions.GetVersionsAsync(definitionId, ct);
        var runbook = version is { } v ? versions.FirstOrDefault(d => d.Version == v) : versions.FirstOrDefault(d => d.IsPublished);
        if (runbook is null)
        {
            errors[version is null ? "runbookDefinitionId" : "runbookVersion"] = [versions.Count == 0
                ? $"no runbook '{definitionId}' exists"
                : version is null ? $"runbook '{definitionId}' has no published version" : $"runbook '{definitionId}' has no version {version}"];
            return null;
        }

        var known = group.Vms.Select(vm => vm.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = NamedVms(runbook.Root).Where(name => !known.Contains(name)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors["runbook"] = [$"runbook '{definitionId}' v{runbook.Version} names VMs that are not in '{group.Name}': {string.Join(", ", unknown)}"];
        }

        return runbook;
    }

    /// <summary>Every literal value of a <c>vm</c> input anywhere in the definition.</summary>
    private static IEnumerable<string> NamedVms(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "vm" && value?["expression"] is JsonObject { } e && e["type"]?.GetValue<string>() == "Literal" &&
                        e["value"] is JsonValue literal && literal.TryGetValue<string>(out var name) && name.Length > 0)
                    {
                        yield return name;
                    }

                    foreach (var inner in NamedVms(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in NamedVms(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
