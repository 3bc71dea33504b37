using System.CommandLine;
using System.Text.RegularExpressions;
using Failkit.Agent.Crypto;
using Failkit.Agent.State;
using Spectre.Console;

namespace Failkit.Agent.Cli;

public static partial class ProtectCommand
{
    public static Command Create(CliHost host)
    {
        var disk = new Option<string>("--disk") { Description = "Raw image file or block device (vsphere://, hyperv:// name adapters)", Required = true };
        var name = new Option<string>("--name") { Description = "Name of the disk in the bucket, e.g. web-01/disk0", Required = true };
        var target = new Option<string>("--target") { Description = "dir:<path>, s3://bucket[/prefix], azure://container[/prefix] or gcs://bucket[/prefix]", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "Object store endpoint for S3-compatible stores or emulators" };
        var region = new Option<string?>("--region") { Description = "Bucket region (S3)" };
        var kms = new Option<string?>("--kms") { Description = "local:<file>, aws-kms:<key>, azure-kv:<key url> or gcp-kms:<key name> (default: a local key file in the state folder)" };
        var kmsEndpoint = new Option<string?>("--kms-endpoint") { Description = "KMS endpoint override" };
        var kmsRegion = new Option<string?>("--kms-region") { Description = "KMS region (AWS)" };
        var blockMib = new Option<int>("--block-size-mib") { Description = "Block size, 1 to 4 MiB", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel uploads", DefaultValueFactory = _ => 4 };
        var bandwidth = new Option<double?>("--bandwidth-mbps") { Description = "Upload cap in megabits per second" };
        var retries = new Option<int>("--retries") { Description = "Retries per object with exponential backoff", DefaultValueFactory = _ => 5 };
        var command = new Command("protect", "Register a disk for replication; checks the disk, the bucket and the KMS key first")
        {
            disk, name, target, endpoint, region, kms, kmsEndpoint, kmsRegion, blockMib, concurrency, bandwidth, retries,
        };
        command.SetAction(async (parse, ct) =>
        {
            var cli = CliContext.From(host, parse);
            var diskName = parse.GetValue(name)!;
            if (!DiskName().IsMatch(diskName))
            {
                throw new AgentException($"--name '{diskName}' may hold letters, digits, '.', '_', '-' and '/' between segments");
            }

            var kmsSpec = parse.GetValue(kms) ?? DefaultLocalKey(cli.State);
            var registration = new DiskRegistration
            {
                Name = diskName,
                Disk = AbsoluteDisk(parse.GetValue(disk)!),
                Target = AbsoluteTarget(parse.GetValue(target)!),
                Endpoint = parse.GetValue(endpoint),
                Region = parse.GetValue(region),
                Kms = kmsSpec,
                KmsEndpoint = parse.GetValue(kmsEndpoint),
                KmsRegion = parse.GetValue(kmsRegion),
                BlockSize = Checked(parse.GetValue(blockMib), 1, 4, "--block-size-mib") * 1024 * 1024,
                Concurrency = Checked(parse.GetValue(concurrency), 1, 64, "--concurrency"),
                BandwidthMbps = parse.GetValue(bandwidth),
                Retries = Checked(parse.GetValue(retries), 0, 20, "--retries"),
            };
            await using (var components = await DiskComponents.OpenAsync(registration, ct))
            {
                // A wrap and unwrap round trip proves the key exists and this agent may use it.
                var probe = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
                var back = await components.Kms.UnwrapAsync(await components.Kms.WrapAsync(probe, ct), ct);
                if (!back.AsSpan().SequenceEqual(probe))
                {
                    throw new AgentException($"KMS '{kmsSpec}' did not return the key it wrapped");
                }

                cli.State.Save(registration);
                var table = new Table().AddColumns("disk", "source", "target", "kms", "block size");
                table.AddRow(Markup.Escape(diskName), Markup.Escape(components.Source.Description), Markup.Escape(components.Target.Description),
                    Markup.Escape(kmsSpec), $"{registration.BlockSize / 1024 / 1024} MiB");
                cli.Console.Write(table);
            }

            await cli.Out.WriteLineAsync($"protected {diskName}; run sync for the first recovery point");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string DefaultLocalKey(AgentState state)
    {
        // Embedded mode: a key file beside the state, made once. Real tenants pass their own KMS key.
        var path = Path.Combine(state.Root, "keys", "local.key");
        if (!File.Exists(path))
        {
            LocalKeyFileWrapper.Create(path);
        }

        return "local:" + path;
    }

    // The daemon may run from another working directory than the one protect ran in.
    private static string AbsoluteDisk(string disk) => disk.Contains("://", StringComparison.Ordinal) ? disk : Path.GetFullPath(disk);

    private static string AbsoluteTarget(string target) =>
        target.StartsWith("dir:", StringComparison.Ordinal) ? "dir:" + Path.GetFullPath(target[4..]) : target;

    private static int Checked(int value, int min, int max, string option) =>
        value >= min && value <= max ? value : throw new AgentException($"{option} must be between {min} and {max}, got {value}");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")]
    private static partial Regex DiskName();
}
