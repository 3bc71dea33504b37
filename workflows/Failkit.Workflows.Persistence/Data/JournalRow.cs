namespace Failkit.Workflows.Persistence.Data;

/// <summary>A row of <c>workflows.journal</c>: one activity execution.</summary>
public sealed class JournalRow
{
    public string Id { get; set; } = "";

    public string InstanceId { get; set; } = "";

    public long Sequence { get; set; }

    public string ActivityId { get; set; } = "";

    public string NodeId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    public string? ActivityName { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Inputs { get; set; }

    public string? Outputs { get; set; }

    public string? Outcomes { get; set; }

    public string? Exception { get; set; }

    public int Attempts { get; set; }
}
