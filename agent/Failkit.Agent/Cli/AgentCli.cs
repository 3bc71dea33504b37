using System.CommandLine;

namespace Failkit.Agent.Cli;

/// <summary>The failkit-agent verbs. Every failure ends as one line on stderr and a non-zero exit code.</summary>
public static class AgentCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var stateDir = new Option<string?>("--state-dir")
        {
            Description = "Agent state folder (default: $FAILKIT_AGENT_STATE or ~/.failkit-agent)",
            Recursive = true,
        };
        var host = new CliHost(stateDir, output, error);
        var root = new RootCommand("Failkit replication agent: encrypted block replication into your own bucket")
        {
            stateDir,
            EnrollCommand.Create(host),
            ProtectCommand.Create(host),
            SyncCommand.Create(host),
            RunCommand.Create(host),
            StatusCommand.Create(host),
            VerifyCommand.Create(host),
        };

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config, ct);
        }
        catch (AgentException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled; an interrupted sync resumes where it stopped on the next run");
            return 130;
        }
        catch (Exception ex)
        {
            // Unexpected, but an operator still gets one readable line rather than a stack trace.
            await error.WriteLineAsync($"error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
