using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Core.Serialization;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>Turns stored versions into the shapes the Studio reads, applying the contract's normalisation on
/// every read: nodeIds recomputed, Flowchart arrays present, links on every writable version.</summary>
public static class DefinitionMapper
{
    public const string FlowchartType = "Elsa.Flowchart";

    /// <summary>Keys this API writes itself; a client's copy of them is dropped rather than round-tripped.</summary>
    public static readonly IReadOnlySet<string> OwnKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "links", "materializerName", "isMaterializerAvailable" };

    public static WorkflowDefinitionModel ToModel(WorkflowDefinition d, Caller caller)
    {
        Normalise(d.Root);
        return new WorkflowDefinitionModel
        {
            Id = d.Id,
            DefinitionId = d.DefinitionId,
            Name = d.Name ?? "",
            Description = d.Description,
            Version = d.Version,
            IsLatest = d.IsLatest,
            IsPublished = d.IsPublished,
            IsReadonly = d.IsReadonly,
            IsSystem = d.IsSystem,
            CreatedAt = d.CreatedAt,
            ToolVersion = d.ToolVersion,
            Variables = d.Variables,
            Inputs = d.Inputs,
            Outputs = d.Outputs,
            Outcomes = d.Outcomes,
            CustomProperties = d.CustomProperties,
            Options = d.Options,
            Root = d.Root,
            Links = LinksFor(d, caller),
            Extra = d.Extra?.Where(kv => !OwnKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) is { Count: > 0 } extra ? extra : null,
        };
    }

    public static WorkflowDefinitionSummary ToSummary(WorkflowDefinition d, Caller caller) => new(
        d.Id, d.DefinitionId, d.Name ?? "", d.Description, d.Version, d.IsLatest, d.IsPublished, d.CreatedAt, d.ToolVersion, d.IsReadonly, d.IsSystem, LinksFor(d, caller));

    /// <summary>The Studio edits a version only if its links contain rel <c>publish</c> (and it is the latest), so a
    /// caller without edit rights gets none of the writing links and sees the definition read-only.</summary>
    public static IReadOnlyList<Link> LinksFor(WorkflowDefinition d, Caller caller)
    {
        var definitionId = Uri.EscapeDataString(d.DefinitionId);
        var id = Uri.EscapeDataString(d.Id);
        var links = new List<Link>
        {
            new($"/workflow-definitions/by-id/{id}", "self", "GET"),
            new($"/workflow-definitions?definitionIds={definitionId}&versionOptions=AllVersions", "versions", "GET"),
        };
        if (caller.CanRun)
        {
            links.Add(new($"/workflow-definitions/{definitionId}/execute", "execute", "POST"));
            links.Add(new($"/workflow-definitions/{definitionId}/dispatch", "dispatch", "POST"));
        }

        if (!d.IsReadonly && caller.CanEdit)
        {
            links.Add(new($"/workflow-definitions/{definitionId}/publish", "publish", "POST"));
            links.Add(new($"/workflow-definitions/{definitionId}/retract", "retract", "POST"));
            links.Add(new($"/workflow-definition-versions/{id}", "delete", "DELETE"));
        }

        return links;
    }

    /// <summary>The Studio crashes on a missing nodeId and treats missing Flowchart arrays inconsistently.</summary>
    public static void Normalise(JsonObject root)
    {
        NodeIds.Assign(root);
        EnsureFlowchartArrays(root);
    }

    private static void EnsureFlowchartArrays(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == FlowchartType)
                {
                    if (o["activities"] is not JsonArray)
                    {
                        o["activities"] = new JsonArray();
                    }

                    if (o["connections"] is not JsonArray)
                    {
                        o["connections"] = new JsonArray();
                    }
                }

                foreach (var (key, child) in o.ToList())
                {
                    if (key is not ("metadata" or "customProperties"))
                    {
                        EnsureFlowchartArrays(child);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    EnsureFlowchartArrays(item);
                }

                break;
        }
    }
}
