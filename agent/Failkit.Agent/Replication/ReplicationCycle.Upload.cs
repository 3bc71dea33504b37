using System.Buffers;
using System.Security.Cryptography;
using Failkit.Agent.Crypto;
using Failkit.Agent.Targets;

namespace Failkit.Agent.Replication;

public sealed partial class ReplicationCycle
{
    private async Task UploadAsync(long index, ReadOnlyMemory<byte> data, string xxh3, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(data.Span));
        var key = Manifest.BlockKey(disk.Name, _pointId, index);
        if (_orphans.Contains(index) && await AdoptAsync(index, key, data.Length, sha, xxh3, ct))
        {
            return;
        }

        var storedLength = data.Length + BlockCipher.Overhead;
        var buffer = ArrayPool<byte>.Shared.Rent(storedLength);
        byte[] nonce;
        try
        {
            nonce = BlockCipher.EncryptInto(_dataKey, index, _pointId, data.Span, buffer);
            if (_limiter is not null)
            {
                await _limiter.WaitAsync(storedLength, ct);
            }

            var stored = buffer.AsMemory(0, storedLength);
            await Retry.RunAsync(c => target.PutAsync(key, stored, c), disk.Retries, $"upload of block {index} to {target.Description}", ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Counters.AddUploaded(storedLength);
        Interlocked.Increment(ref _uploadedBlocks);
        var entry = new BlockEntry(index, _pointId, key, Convert.ToBase64String(nonce), storedLength, data.Length, sha, xxh3);
        _journal.Append(entry);
        _entries[index] = entry;
    }

    /// <summary>Takes over an object uploaded by a killed run when it decrypts to this very block.</summary>
    private async Task<bool> AdoptAsync(long index, string key, int plainLength, string sha, string xxh3, CancellationToken ct)
    {
        var stored = await Retry.RunAsync(c => target.GetAsync(key, c), disk.Retries, $"download of block {index}", ct);
        if (stored is null || BlockCipher.Decrypt(_dataKey, index, _pointId, stored) is not { } plain
            || plain.Length != plainLength || Convert.ToHexStringLower(SHA256.HashData(plain)) != sha)
        {
            return false;
        }

        var entry = new BlockEntry(index, _pointId, key, Convert.ToBase64String(stored, 0, BlockCipher.NonceSize), stored.Length, plainLength, sha, xxh3);
        _journal.Append(entry);
        _entries[index] = entry;
        Interlocked.Increment(ref _resumedBlocks);
        return true;
    }

    private async Task<CycleResult> CompleteAsync(Manifest? previous, PendingCycle pending, CancellationToken ct)
    {
        var blocks = _entries.Values.OrderBy(b => b.Index).ToList();
        var keys = new Dictionary<string, WrappedKey>();
        foreach (var point in blocks.Select(b => b.Point).Distinct())
        {
            keys[point] = point == _pointId ? pending.Key
                : previous?.Keys.GetValueOrDefault(point) ?? throw new AgentException($"previous point lacks the wrapped key of {point}");
        }

        var manifest = new Manifest
        {
            Disk = disk.Name,
            PointId = _pointId,
            CreatedAt = pending.CreatedAt,
            CompletedAt = time.GetUtcNow(),
            SourceLength = source.Length,
            BlockSize = disk.BlockSize,
            Keys = keys,
            Blocks = blocks,
        };
        var bytes = manifest.Serialize();
        // Last write of the cycle: until this object exists the point does not.
        await Retry.RunAsync(c => target.PutAsync(Manifest.ObjectKey(disk.Name, _pointId), bytes, c), disk.Retries, "upload of the manifest", ct);
        Counters.AddUploaded(bytes.Length);
        state.SaveLastManifest(disk.Name, bytes);
        _journal.Clear();
        var rpo = previous is null ? (TimeSpan?)null : manifest.CompletedAt - previous.CreatedAt;
        return new CycleResult(manifest, Manifest.Sha256Hex(bytes), Counters.ScannedBytes, _changedBytes, Counters.UploadedBytes,
            _changedBlocks, _uploadedBlocks, _resumedBlocks, _journaled.Count > 0 || _orphans.Count > 0, rpo);
    }
}
