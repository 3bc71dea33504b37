using System.CommandLine;

namespace Failkit.Agent.Cli;

public static class SyncCommand
{
    public static Command Create(CliHost host)
    {
        var name = new Option<string?>("--name") { Description = "Only this disk (default: every protected disk)" };
        var command = new Command("sync", "Run one replication cycle: initial, incremental, or the rest of an interrupted one") { name };
        command.SetAction(async (parse, ct) =>
        {
            var cli = CliContext.From(host, parse);
            var only = parse.GetValue(name);
            var disks = only is null ? cli.State.Disks() : [cli.State.Disk(only)];
            if (disks.Count == 0)
            {
                throw new AgentException($"no disk is protected yet in {cli.State.Root}: run protect first");
            }

            foreach (var disk in disks)
            {
                await CycleRunner.RunAsync(cli, disk, ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
