namespace Failkit.Workflows.Core;

/// <summary>A failure of one activity execution: an exception, a failing expression, or a Fault activity.</summary>
public sealed record Incident(
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string Message,
    string? ExceptionType,
    DateTimeOffset Timestamp,
    int Attempts);

/// <summary>A fault raised on purpose (the Fault activity) or by the engine; carries a code for reports.</summary>
public sealed class WorkflowFaultException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
