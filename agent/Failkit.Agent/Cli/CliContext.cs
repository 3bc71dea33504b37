using System.CommandLine;
using Failkit.Agent.State;
using Spectre.Console;

namespace Failkit.Agent.Cli;

/// <summary>What every verb needs: the state folder, the output writers and a clock.</summary>
public sealed class CliContext
{
    private CliContext(AgentState state, TextWriter output, TextWriter error)
    {
        State = state;
        Out = output;
        Err = error;
        Interactive = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            // Logs and pipes have no width; wide enough that tables never wrap ids or paths.
            Console.Profile.Width = 1000;
        }
    }

    public AgentState State { get; }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    /// <summary>True on a terminal: then long work shows progress bars.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Console { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public static CliContext From(CliHost host, ParseResult parse) =>
        new(new AgentState(parse.GetValue(host.StateDir) ?? AgentState.DefaultRoot()), host.Out, host.Err);
}

/// <summary>The parts of one CLI invocation that verbs share: the global option and the writers.</summary>
public sealed record CliHost(Option<string?> StateDir, TextWriter Out, TextWriter Err);
