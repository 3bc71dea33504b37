namespace Failkit.Workflows.Core;

/// <summary>Elsa's coarse instance status.</summary>
public enum WorkflowStatus
{
    Running,
    Finished,
}

/// <summary>Elsa's detailed instance status.</summary>
public enum WorkflowSubStatus
{
    Pending,
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
}

/// <summary>Status of one activity execution in the journal.</summary>
public enum ActivityStatus
{
    Running,
    Suspended,
    Completed,
    Faulted,
    Cancelled,
}
