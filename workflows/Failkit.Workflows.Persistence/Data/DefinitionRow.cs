namespace Failkit.Workflows.Persistence.Data;

/// <summary>A row of <c>workflows.definitions</c>: one version, its flags as columns and its JSON as data.</summary>
public sealed class DefinitionRow
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long Revision { get; set; }

    public string Data { get; set; } = "";
}
