using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Failkit.Workflows.Core.Model;

/// <summary>One version of a workflow definition, in Elsa 3's JSON shape. <see cref="Root"/> is kept as an opaque
/// JSON document so that keys we do not model (designer metadata, future Elsa fields) round-trip unchanged.</summary>
public sealed class WorkflowDefinition
{
    /// <summary>The id of this version.</summary>
    public string Id { get; set; } = "";

    /// <summary>The id shared by all versions.</summary>
    public string DefinitionId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public int Version { get; set; } = 1;

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    public bool IsReadonly { get; set; }

    /// <summary>Only system definitions carry the flag; user definitions omit it, as Studio saves them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IsSystem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? ToolVersion { get; set; }

    public List<VariableDefinition>? Variables { get; set; }

    public JsonArray? Inputs { get; set; }

    public JsonArray? Outputs { get; set; }

    public List<string>? Outcomes { get; set; }

    public JsonObject? CustomProperties { get; set; }

    public JsonObject? Options { get; set; }

    public JsonObject Root { get; set; } = new();

    /// <summary>Changes whenever the stored version is overwritten; keys the materialized-graph cache.</summary>
    [JsonIgnore]
    public long Revision { get; set; }

    /// <summary>Fields of the Elsa model that this engine does not interpret, kept for the round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A deep copy, so a stored version is never mutated through a reference handed out.</summary>
    public WorkflowDefinition Clone() =>
        JsonSerializer.Deserialize<WorkflowDefinition>(JsonSerializer.SerializeToUtf8Bytes(this, WorkflowJson.Options), WorkflowJson.Options)!;
}

/// <summary>A workflow variable: <c>{id, name, typeName, isArray, value, storageDriverTypeName}</c>.</summary>
public sealed class VariableDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string TypeName { get; set; } = "Object";

    public bool IsArray { get; set; }

    /// <summary>The initial value as text, converted to <see cref="TypeName"/> when an instance starts.</summary>
    public JsonNode? Value { get; set; }

    public string? StorageDriverTypeName { get; set; }
}
