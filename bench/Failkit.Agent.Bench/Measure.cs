using System.Diagnostics;
using System.IO.Hashing;
using System.Security.Cryptography;
using Failkit.Agent.Crypto;

namespace Failkit.Agent.Bench;

/// <summary>Single-core micro measurements beside the end-to-end runs.</summary>
public static class Measure
{
    private const int Block = 1024 * 1024;
    private const int Rounds = 1024;

    public static Throughput SequentialRead(string path)
    {
        var note = DropPageCache() ? "page cache dropped first" : "page cache NOT dropped (needs root): likely cached";
        var buffer = new byte[4 * Block];
        var watch = Stopwatch.StartNew();
        long total = 0;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            int n;
            while ((n = file.Read(buffer)) > 0)
            {
                total += n;
            }
        }

        return new Throughput(total, watch.Elapsed, note);
    }

    public static Throughput AesGcm()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var data = RandomNumberGenerator.GetBytes(Block);
        var output = new byte[Block + BlockCipher.Overhead];
        return Time(() => BlockCipher.EncryptInto(key, 1, "bench", data, output));
    }

    public static Throughput Sha256()
    {
        var data = RandomNumberGenerator.GetBytes(Block);
        return Time(() => SHA256.HashData(data));
    }

    public static Throughput Xxh3()
    {
        var data = RandomNumberGenerator.GetBytes(Block);
        return Time(() => XxHash3.HashToUInt64(data));
    }

    public static Throughput SingleCorePipeline(string path)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var buffer = new byte[Block];
        var output = new byte[Block + BlockCipher.Overhead];
        var watch = Stopwatch.StartNew();
        long total = 0;
        using var file = File.OpenHandle(path);
        int n;
        while ((n = RandomAccess.Read(file, buffer, total)) > 0)
        {
            var block = buffer.AsSpan(0, n);
            XxHash3.HashToUInt64(block);
            SHA256.HashData(block);
            BlockCipher.EncryptInto(key, total / Block, "bench", block, output);
            total += n;
        }

        return new Throughput(total, watch.Elapsed);
    }

    private static Throughput Time(Action action)
    {
        action();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++)
        {
            action();
        }

        return new Throughput((long)Rounds * Block, watch.Elapsed);
    }

    private static bool DropPageCache()
    {
        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "3\n");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
