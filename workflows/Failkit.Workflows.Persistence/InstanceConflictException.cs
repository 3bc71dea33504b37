namespace Failkit.Workflows.Persistence;

/// <summary>The instance was deleted (or otherwise changed outside the session's locks) between two commits of one
/// session; the session's in-memory burst is stale and must stop here.</summary>
public sealed class InstanceConflictException(string instanceId)
    : Exception($"Workflow instance '{instanceId}' was changed by another session between two commits of this one.")
{
    public string InstanceId { get; } = instanceId;
}
