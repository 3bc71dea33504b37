namespace Failkit.Orchestration;

/// <summary>A tenant plane ended without being asked to stop.</summary>
public sealed class TenantExitedEventArgs(string slug, int exitCode, string outputTail) : EventArgs
{
    public string Slug { get; } = slug;

    public int ExitCode { get; } = exitCode;

    /// <summary>The last lines the process wrote, for the operator's incident.</summary>
    public string OutputTail { get; } = outputTail;
}
