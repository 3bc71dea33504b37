using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Model;

/// <summary>The shape of an item of Elsa's <c>GET /descriptors/activities</c>.</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public int Version { get; init; } = 1;

    public required string Category { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public ActivityKind Kind { get; init; }

    public bool IsBrowsable { get; init; }

    public bool IsContainer { get; init; }

    public bool IsStart { get; init; }

    public bool IsTerminal { get; init; }

    public bool RunAsynchronously { get; init; }

    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];

    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];

    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];

    public JsonObject CustomProperties { get; init; } = [];

    public JsonObject ConstructionProperties { get; init; } = [];
}

public sealed record PortDescriptor(string Name, string DisplayName, string Type, bool IsBrowsable = true);

public sealed record InputDescriptor
{
    public required string Name { get; init; }

    public required string TypeName { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public float Order { get; init; }

    public string? Category { get; init; }

    public bool IsBrowsable { get; init; } = true;

    public bool IsWrapped { get; init; } = true;

    public required string UiHint { get; init; }

    public JsonNode? DefaultValue { get; init; }

    public string? DefaultSyntax { get; init; }

    public bool IsReadOnly { get; init; }

    public bool IsSensitive { get; init; }

    public bool IsSynthetic { get; init; }

    public bool IsRequired { get; init; }

    public JsonObject? UiSpecifications { get; init; }
}

public sealed record OutputDescriptor
{
    public required string Name { get; init; }

    public required string TypeName { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public float Order { get; init; }

    public bool IsBrowsable { get; init; } = true;

    public bool IsSerializable { get; init; } = true;

    public bool IsSynthetic { get; init; }
}
