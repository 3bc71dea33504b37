using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Core.Serialization;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>Checks a definition before it is stored. Even a draft is refused when an activity type is unknown: a
/// stored unknown type blanks the Studio canvas for every later viewer. Other problems (missing inputs...) only
/// block publishing, since the designer saves half-edited drafts all the time.</summary>
public sealed class DefinitionGuard(WorkflowMaterializer materializer, IWorkflowDefinitionStore store)
{
    /// <summary>Normalises the model in place and throws when it cannot be stored.</summary>
    public void Prepare(WorkflowDefinition model)
    {
        if (model.Root is null || model.Root.Count == 0)
        {
            throw ApiRequestException.BadRequest("The definition has no root activity.", "$.model.root");
        }

        foreach (var key in DefinitionMapper.OwnKeys)
        {
            model.Extra?.Remove(key);
        }

        var root = model.Root;
        if (root["id"] is { } id && !IsString(id))
        {
            throw ApiRequestException.BadRequest("The root activity's 'id' must be a string.", "$.model.root.id");
        }

        var rootId = root["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) ? text : "root";
        if (root["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type) ||
            !materializer.Registry.TryGet(type, VersionOf(root), out _))
        {
            throw new WorkflowValidationException(
                [new ValidationError(rootId, "type", $"The root activity type '{root["type"]?.ToJsonString() ?? "(none)"}' is not a known activity.")]);
        }

        DefinitionMapper.Normalise(root);
        IReadOnlyList<ValidationError> errors;
        try
        {
            errors = materializer.Validate(model);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            // The materializer reads ids and types as strings; a number or object there is a shape error of the request.
            throw ApiRequestException.BadRequest($"The definition's activities have an unexpected shape: {ex.Message}", "$.model.root");
        }

        var unknownTypes = errors.Where(e => e.Field is "type" or "id").ToList();
        if (unknownTypes.Count > 0)
        {
            throw new WorkflowValidationException(unknownTypes);
        }
    }

    /// <summary>The latest version when it is published with exactly this content. Publishing the same body twice
    /// (the Studio's HTTP client retries POSTs on 5xx) must not create another version.</summary>
    public async Task<WorkflowDefinition?> FindUnchangedPublishedAsync(WorkflowDefinition model, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(model.DefinitionId))
        {
            return null;
        }

        var latest = (await store.GetVersionsAsync(model.DefinitionId, ct)).FirstOrDefault(v => v.IsLatest);
        return latest is { IsPublished: true } && JsonNode.DeepEquals(Content(latest), Content(model)) ? latest : null;
    }

    private static JsonNode? Content(WorkflowDefinition d)
    {
        var c = d.Clone();
        c.Id = "";
        c.DefinitionId = "";
        c.Version = 0;
        c.IsLatest = false;
        c.IsPublished = false;
        c.CreatedAt = default;
        return JsonSerializer.SerializeToNode(c, WorkflowJson.Options);
    }

    private static int VersionOf(JsonObject activity) =>
        activity["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;

    private static bool IsString(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out _);
}
