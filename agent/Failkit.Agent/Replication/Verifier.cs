using System.Collections.Concurrent;
using System.Security.Cryptography;
using Failkit.Agent.Crypto;
using Failkit.Agent.Targets;
using Microsoft.Win32.SafeHandles;

namespace Failkit.Agent.Replication;

public sealed record BlockFailure(long Index, string ObjectKey, string Reason);

public sealed record VerifyResult(Manifest Manifest, string ManifestSha256, IReadOnlyList<BlockFailure> Failures, long BytesRestored);

/// <summary>
/// The restore test: reads a recovery point back from the bucket, decrypts every block, checks it
/// against the manifest's plaintext SHA-256 and writes the disk image.
/// </summary>
public sealed class Verifier(ITarget target, IKeyWrapper kms, int concurrency, int retries)
{
    public CycleCounters Counters { get; } = new();

    public async Task<VerifyResult> RunAsync(string disk, string pointId, string outPath, CancellationToken ct)
    {
        var manifestBytes = await target.GetAsync(Manifest.ObjectKey(disk, pointId), ct)
            ?? throw new AgentException($"recovery point '{pointId}' of disk '{disk}' does not exist in {target.Description}");
        var manifest = Manifest.Parse(manifestBytes);
        var keys = new Dictionary<string, byte[]>();
        foreach (var (point, wrapped) in manifest.Keys)
        {
            keys[point] = await kms.UnwrapAsync(wrapped, ct);
        }

        Counters.TotalBytes = manifest.SourceLength;
        var failures = new ConcurrentBag<BlockFailure>();
        using var output = File.OpenHandle(outPath, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, manifest.SourceLength);
        var expectedCount = (manifest.SourceLength + manifest.BlockSize - 1) / manifest.BlockSize;
        if (manifest.Blocks.Count != expectedCount || manifest.Blocks.Select(b => b.Index).Distinct().Count() != expectedCount)
        {
            failures.Add(new BlockFailure(-1, "", $"manifest lists {manifest.Blocks.Count} blocks, the disk needs {expectedCount}"));
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(manifest.Blocks, options, async (block, c) =>
        {
            if (await RestoreBlockAsync(manifest, block, keys, output, c) is { } reason)
            {
                failures.Add(new BlockFailure(block.Index, block.ObjectKey, reason));
            }
        });

        return new VerifyResult(manifest, Manifest.Sha256Hex(manifestBytes), failures.OrderBy(f => f.Index).ToList(), Counters.ScannedBytes);
    }

    private async Task<string?> RestoreBlockAsync(Manifest manifest, BlockEntry block, Dictionary<string, byte[]> keys, SafeFileHandle output, CancellationToken ct)
    {
        var stored = await Retry.RunAsync(c => target.GetAsync(block.ObjectKey, c), retries, $"download of block {block.Index}", ct);
        if (stored is null)
        {
            return "object is missing";
        }

        if (stored.Length != block.CipherLength)
        {
            return $"object is {stored.Length} bytes, the manifest says {block.CipherLength}";
        }

        if (Convert.ToBase64String(stored, 0, BlockCipher.NonceSize) != block.Nonce)
        {
            return "object nonce differs from the manifest";
        }

        if (!keys.TryGetValue(block.Point, out var key))
        {
            return $"manifest has no wrapped key for point {block.Point}";
        }

        if (BlockCipher.Decrypt(key, block.Index, block.Point, stored) is not { } plain)
        {
            return "decryption failed: the ciphertext was altered or belongs elsewhere (AES-GCM tag mismatch)";
        }

        if (Convert.ToHexStringLower(SHA256.HashData(plain)) != block.Sha256)
        {
            return "plaintext SHA-256 differs from the manifest";
        }

        RandomAccess.Write(output, plain, block.Index * manifest.BlockSize);
        Counters.AddScanned(plain.Length);
        return null;
    }
}
