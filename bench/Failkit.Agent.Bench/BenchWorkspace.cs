using System.Diagnostics;
using System.Net.Sockets;
using Failkit.Agent.Blocks;
using Failkit.Agent.Crypto;
using Failkit.Agent.Replication;
using Failkit.Agent.State;
using Failkit.Agent.Targets;

namespace Failkit.Agent.Bench;

public enum NullSinkKind
{
    Null,
    S3rver,
}

/// <summary>The generated image, the agent state folders and, when asked, an s3rver to sync into.</summary>
public sealed class BenchWorkspace(BenchOptions options) : IDisposable
{
    private const int BlockSize = 1024 * 1024;
    private readonly string _keyFile = Path.Combine(options.Dir, "bench.key");

    public string ImagePath { get; } = Path.Combine(options.Dir, $"image-{options.SizeMib}.img");

    public Throughput GenerateImage()
    {
        Directory.CreateDirectory(options.Dir);
        LocalKeyFileWrapper.Create(_keyFile);
        var watch = Stopwatch.StartNew();
        var random = new Random(42);
        var buffer = new byte[BlockSize];
        using var file = File.Create(ImagePath);
        for (var i = 0; i < options.SizeMib; i++)
        {
            random.NextBytes(buffer);
            file.Write(buffer);
        }

        file.Flush(flushToDisk: true);
        return new Throughput((long)options.SizeMib * BlockSize, watch.Elapsed, ImagePath);
    }

    public async Task<Throughput> SyncAsync(NullSinkKind kind)
    {
        var stateDir = Path.Combine(options.Dir, "state-" + kind);
        if (Directory.Exists(stateDir))
        {
            Directory.Delete(stateDir, recursive: true);
        }

        if (kind == NullSinkKind.Null)
        {
            var result = await RunCycleAsync(stateDir, new NullTarget());
            return new Throughput(result.BytesScanned, result.Elapsed, $"{result.Cycle.BlocksUploaded} blocks encrypted");
        }

        using var s3rver = StartS3rver(out var port);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        using var target = new S3Target("bench", "", $"http://127.0.0.1:{port}", "us-east-1");
        var run = await RunCycleAsync(stateDir, target);
        s3rver.Kill(entireProcessTree: true);
        return new Throughput(run.BytesScanned, run.Elapsed, $"{run.Cycle.BlocksUploaded} objects PUT");
    }

    /// <summary>Changes 4 KiB in 5% of the blocks and runs an incremental cycle against the null sink's previous point.</summary>
    public async Task<IncrementalCheck> IncrementalAsync()
    {
        var blocks = options.SizeMib;
        var count = Math.Max(1, blocks / 20);
        var random = new Random(7);
        var chosen = new SortedSet<long>();
        while (chosen.Count < count)
        {
            chosen.Add(random.NextInt64(blocks));
        }

        using (var file = File.OpenHandle(ImagePath, FileMode.Open, FileAccess.Write))
        {
            var patch = new byte[4096];
            foreach (var block in chosen)
            {
                random.NextBytes(patch);
                RandomAccess.Write(file, patch, block * BlockSize + random.Next(BlockSize - patch.Length));
            }
        }

        var run = await RunCycleAsync(Path.Combine(options.Dir, "state-" + NullSinkKind.Null), new NullTarget());
        var manifestBytes = run.Cycle.Manifest.Serialize().Length;
        return new IncrementalCheck((long)count * 4096, run.Cycle.BytesUploaded - manifestBytes, count, BlockSize);
    }

    private async Task<(CycleResult Cycle, long BytesScanned, TimeSpan Elapsed)> RunCycleAsync(string stateDir, ITarget target)
    {
        var disk = new DiskRegistration
        {
            Name = "bench/disk0",
            Disk = ImagePath,
            Target = target.Description,
            Kms = "local:" + _keyFile,
            BlockSize = BlockSize,
            Concurrency = Environment.ProcessorCount,
        };
        using var source = FileBlockSource.Open(ImagePath);
        var cycle = new ReplicationCycle(disk, new AgentState(stateDir), source, target, new LocalKeyFileWrapper(_keyFile), TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var result = await cycle.RunAsync(CancellationToken.None);
        return (result, result.BytesScanned, watch.Elapsed);
    }

    private Process StartS3rver(out int port)
    {
        var bin = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tests/emulators/node_modules/.bin/s3rver"));
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"s3rver missing at {bin}; run: npm ci --prefix tests/emulators");
        }

        using (var probe = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var data = Path.Combine(options.Dir, "s3rver");
        Directory.CreateDirectory(data);
        var info = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-d", data, "--configure-bucket", "bench", "--silent"])
        {
            info.ArgumentList.Add(arg);
        }

        // s3rver's list continuation tokens use DES, which Node 17+ offers only through the legacy provider.
        info.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(System.Net.IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException("s3rver did not start");
    }

    public void Dispose()
    {
        if (Directory.Exists(options.Dir))
        {
            Directory.Delete(options.Dir, recursive: true);
        }
    }
}
