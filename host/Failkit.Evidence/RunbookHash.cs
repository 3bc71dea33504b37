using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Evidence;

/// <summary>The SHA-256 of the runbook version that ran: the definition version as the workflow store holds it,
/// serialized with the engine's own JSON conventions (camelCase, the Elsa 3 shape), without <c>isLatest</c> and
/// <c>isPublished</c> (they flip when a later version is published, the definition does not), then canonicalized
/// with RFC 8785. Anyone holding the exported definition version can recompute it the same way.</summary>
public static class RunbookHash
{
    public const string Description = "SHA-256 of the RFC 8785 canonical JSON of the workflow definition version (Elsa 3 JSON, camelCase) without isLatest and isPublished";

    private static readonly string[] Mutable = ["isLatest", "isPublished"];

    public static async Task<string?> OfAsync(IWorkflowDefinitionStore store, string definitionId, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var definition = (await store.GetVersionsAsync(definitionId, ct)).FirstOrDefault(d => d.Version == version);
        return definition is null ? null : Of(definition);
    }

    public static string Of(WorkflowDefinition definition)
    {
        var node = JsonSerializer.SerializeToNode(definition, WorkflowJson.Options)!.AsObject();
        foreach (var name in Mutable)
        {
            node.Remove(name);
        }

        return EvidenceJson.Sha256Hex(CanonicalJson.Serialize(node));
    }
}
