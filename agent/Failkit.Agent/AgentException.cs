namespace Failkit.Agent;

/// <summary>
/// A failure the operator can act on. The CLI prints its message without a stack trace and
/// exits with <see cref="ExitCode"/>; anything else escaping a verb is a bug.
/// </summary>
public sealed class AgentException : Exception
{
    public AgentException(string message, int exitCode = ExitCodes.Error, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public AgentException() : this("agent error") { }

    public AgentException(string message) : this(message, ExitCodes.Error) { }

    public AgentException(string message, Exception inner) : this(message, ExitCodes.Error, inner) { }

    public int ExitCode { get; }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int VerifyFailed = 3;
}
