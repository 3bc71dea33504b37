using System.CommandLine;

namespace Failkit.Agent.Cli;

public static class RunCommand
{
    public static Command Create(CliHost host)
    {
        var interval = new Option<int>("--interval") { Description = "Seconds between cycle starts", DefaultValueFactory = _ => 900 };
        var cycles = new Option<int?>("--cycles") { Description = "Stop after this many cycles (default: until SIGINT/SIGTERM)" };
        var command = new Command("run", "Daemon: a cycle for every protected disk every --interval seconds, until stopped") { interval, cycles };
        command.SetAction(async (parse, ct) =>
        {
            var cli = CliContext.From(host, parse);
            var every = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(interval)));
            var limit = parse.GetValue(cycles);
            var failures = 0;
            for (var n = 1; limit is null || n <= limit; n++)
            {
                var started = cli.Time.GetUtcNow();
                foreach (var disk in cli.State.Disks())
                {
                    try
                    {
                        await CycleRunner.RunAsync(cli, disk, ct);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        await cli.Out.WriteLineAsync($"{disk.Name}: cycle interrupted by shutdown; the next start resumes it");
                        break;
                    }
                    catch (AgentException ex)
                    {
                        // One broken disk must not stop the others; the next cycle retries it.
                        failures++;
                        await cli.Err.WriteLineAsync($"error: {disk.Name}: {ex.Message}");
                    }
                }

                if (ct.IsCancellationRequested || (limit is not null && n == limit))
                {
                    break;
                }

                var wait = started + every - cli.Time.GetUtcNow();
                try
                {
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cli.Time, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            // A signal during a cycle cancels it through ct; its journal makes the next start resume it.
            await cli.Out.WriteLineAsync("agent stopped");
            return failures == 0 ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }
}
