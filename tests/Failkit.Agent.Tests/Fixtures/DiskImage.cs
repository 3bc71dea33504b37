using System.Security.Cryptography;

namespace Failkit.Agent.Tests.Fixtures;

/// <summary>Generated disk images with controlled changes.</summary>
public static class DiskImage
{
    public const int Mib = 1024 * 1024;

    public static void Create(string path, long size, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[Mib];
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }

    /// <summary>Overwrites 4 KiB inside each of `count` distinct blocks; returns their indexes.</summary>
    public static IReadOnlyList<long> ChangeBlocks(string path, int blockSize, int count, int seed)
    {
        var random = new Random(seed);
        var blocks = new FileInfo(path).Length / blockSize;
        var chosen = new SortedSet<long>();
        while (chosen.Count < count)
        {
            chosen.Add(random.NextInt64(blocks));
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        var patch = new byte[4096];
        foreach (var block in chosen)
        {
            random.NextBytes(patch);
            RandomAccess.Write(file, patch, block * blockSize + random.Next(blockSize - patch.Length));
        }

        return chosen.ToList();
    }

    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
