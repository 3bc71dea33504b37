using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>A definition version as the Studio reads it: the model plus <c>links</c>. Collections the definition
/// lacks are omitted, never null, because the Studio's settings panel crashes on explicit nulls.</summary>
public sealed class WorkflowDefinitionModel
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public int Version { get; init; }

    public bool IsLatest { get; init; }

    public bool IsPublished { get; init; }

    public bool IsReadonly { get; init; }

    public bool IsSystem { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? ToolVersion { get; init; }

    public List<VariableDefinition>? Variables { get; init; }

    public JsonArray? Inputs { get; init; }

    public JsonArray? Outputs { get; init; }

    public List<string>? Outcomes { get; init; }

    public JsonObject? CustomProperties { get; init; }

    public JsonObject? Options { get; init; }

    public required JsonObject Root { get; init; }

    public required IReadOnlyList<Link> Links { get; init; }

    /// <summary>Elsa fields this engine does not interpret, round-tripped.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A row of the definition list and of the version history.</summary>
public sealed record WorkflowDefinitionSummary(
    string Id,
    string DefinitionId,
    string Name,
    string? Description,
    int Version,
    bool IsLatest,
    bool IsPublished,
    DateTimeOffset CreatedAt,
    string? ToolVersion,
    bool IsReadonly,
    bool IsSystem,
    IReadOnlyList<Link> Links,
    string MaterializerName = "Json",
    bool IsMaterializerAvailable = true);

/// <summary>The body of <c>POST /workflow-definitions</c>; the client's id, version, flags and dates are ignored.</summary>
public sealed record SaveWorkflowDefinitionRequest(WorkflowDefinition? Model, bool? Publish);

public sealed record SaveWorkflowDefinitionResponse(
    WorkflowDefinitionModel WorkflowDefinition,
    bool AlreadyPublished,
    int ConsumingWorkflowCount,
    IReadOnlyList<ValidationErrorModel> ValidationErrors);

public sealed record ValidationErrorModel(string Message, string? ActivityId);

public sealed record IsNameUniqueResponse(bool IsUnique);
