using System.CommandLine;
using Failkit.Agent.Replication;
using Spectre.Console;

namespace Failkit.Agent.Cli;

public static class VerifyCommand
{
    public static Command Create(CliHost host)
    {
        var point = new Option<string>("--point") { Description = "Recovery point id", Required = true };
        var output = new Option<string>("--out") { Description = "File to restore the disk image into", Required = true };
        var name = new Option<string?>("--name") { Description = "Disk name (needed when several disks are protected)" };
        var command = new Command("verify", "Restore a recovery point from the bucket and check every block against the manifest") { point, output, name };
        command.SetAction(async (parse, ct) =>
        {
            var cli = CliContext.From(host, parse);
            var disk = cli.State.Disk(parse.GetValue(name));
            await using var components = await DiskComponents.OpenAsync(disk, ct, withSource: false);
            var verifier = new Verifier(components.Target, components.Kms, disk.Concurrency, disk.Retries);
            var result = await CycleRunner.WithProgressAsync(cli, $"verify {disk.Name}", verifier.Counters,
                verifier.RunAsync(disk.Name, parse.GetValue(point)!, parse.GetValue(output)!, ct));
            if (result.Failures.Count == 0)
            {
                await cli.Out.WriteLineAsync(
                    $"verified {result.Manifest.Blocks.Count} blocks ({CycleRunner.Mib(result.BytesRestored)}) of point {result.Manifest.PointId} into {parse.GetValue(output)}; manifest sha256 {result.ManifestSha256}");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("block", "object", "problem");
            foreach (var failure in result.Failures)
            {
                table.AddRow(failure.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(failure.ObjectKey), Markup.Escape(failure.Reason));
            }

            cli.Console.Write(table);
            await cli.Err.WriteLineAsync(
                $"error: verify failed: {result.Failures.Count} corrupted block(s): {string.Join(", ", result.Failures.Select(f => $"block {f.Index}"))}");
            return ExitCodes.VerifyFailed;
        });
        return command;
    }
}
