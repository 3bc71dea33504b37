using System.CommandLine;
using Failkit.Agent.Reporting;
using Spectre.Console;

namespace Failkit.Agent.Cli;

public static class StatusCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("status", "Show enrollment, protected disks, their last recovery point and any interrupted cycle");
        command.SetAction(async (parse, ct) =>
        {
            var cli = CliContext.From(host, parse);
            var identity = new AgentIdentity(cli.State.IdentityDir);
            await cli.Out.WriteLineAsync(identity.Exists ? $"enrolled with {identity.Settings().ManagementUrl}" : "not enrolled");
            var table = new Table().AddColumns("disk", "source", "target", "kms", "last point", "point time", "blocks", "interrupted cycle");
            foreach (var disk in cli.State.Disks())
            {
                var last = cli.State.LastManifest(disk.Name);
                var journal = cli.State.Journal(disk.Name);
                var pending = journal.LoadPending();
                table.AddRow(
                    Markup.Escape(disk.Name), Markup.Escape(disk.Disk), Markup.Escape(disk.Target), Markup.Escape(disk.Kms),
                    last?.PointId ?? "none", last?.CreatedAt.ToString("u") ?? "-", last?.Blocks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    pending is null ? "no" : $"{pending.PointId}: {journal.LoadEntries().Count} blocks done, resumes on next sync");
            }

            cli.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
