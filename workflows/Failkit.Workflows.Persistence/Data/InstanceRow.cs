namespace Failkit.Workflows.Persistence.Data;

/// <summary>A row of <c>workflows.instances</c>: the summary columns plus the serialized state.</summary>
public sealed class InstanceRow
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public string VersionId { get; set; } = "";

    public int Version { get; set; }

    public string Status { get; set; } = "";

    public string SubStatus { get; set; } = "";

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    public int IncidentCount { get; set; }

    public string Incidents { get; set; } = "[]";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long Revision { get; set; }

    public string State { get; set; } = "";
}
