using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Threading.Channels;
using Failkit.Agent.Blocks;
using Failkit.Agent.Crypto;
using Failkit.Agent.State;
using Failkit.Agent.Targets;

namespace Failkit.Agent.Replication;

/// <summary>
/// One cycle for one disk: read every block, hash it with XXH3, compare with the previous point's
/// map, and encrypt and upload only the blocks that changed. Resumes an open cycle when there is one.
/// </summary>
public sealed partial class ReplicationCycle(
    DiskRegistration disk, AgentState state, IBlockSource source, ITarget target, IKeyWrapper kms, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, BlockEntry> _entries = new();
    private ResumeJournal _journal = null!;
    private Dictionary<long, BlockEntry> _journaled = [];
    private HashSet<long> _orphans = [];
    private BandwidthLimiter? _limiter;
    private byte[] _dataKey = [];
    private string _pointId = "";
    private long _changedBytes;
    private int _changedBlocks;
    private int _uploadedBlocks;
    private int _resumedBlocks;

    public CycleCounters Counters { get; } = new();

    public async Task<CycleResult> RunAsync(CancellationToken ct)
    {
        var previous = await PreviousPointAsync(ct);
        var pending = await OpenCycleAsync(ct);
        _limiter = BandwidthLimiter.FromMegabitsPerSecond(disk.BandwidthMbps, time);
        Counters.TotalBytes = source.Length;
        try
        {
            await ScanAndUploadAsync(previous, ct);
        }
        finally
        {
            _journal.Close();
        }

        return await CompleteAsync(previous, pending, ct);
    }

    private async Task<Manifest?> PreviousPointAsync(CancellationToken ct)
    {
        var local = state.LastManifest(disk.Name);
        if (local is null)
        {
            // The state folder may be new (reinstalled agent): the bucket still holds the last map.
            var points = await target.ListAsync(Manifest.PointsPrefix(disk.Name), ct);
            if (points.Count > 0 && await target.GetAsync(points.Max(StringComparer.Ordinal)!, ct) is { } bytes)
            {
                local = Manifest.Parse(bytes);
            }
        }

        // A different block size makes the old map meaningless; the cycle is then a full one.
        return local?.BlockSize == disk.BlockSize ? local : null;
    }

    private async Task<PendingCycle> OpenCycleAsync(CancellationToken ct)
    {
        _journal = state.Journal(disk.Name);
        var pending = _journal.LoadPending();
        if (pending is not null && pending.BlockSize == disk.BlockSize)
        {
            _dataKey = await kms.UnwrapAsync(pending.Key, ct);
            _journaled = _journal.LoadEntries();
            // Objects in the bucket that the journal does not list were uploaded just before a kill;
            // they are checked and adopted instead of being uploaded a second time.
            var blockPrefix = Manifest.BlockKey(disk.Name, pending.PointId, 0)[..^8];
            _orphans = (await target.ListAsync(blockPrefix, ct))
                .Select(k => long.TryParse(k[blockPrefix.Length..], out var i) ? i : -1)
                .Where(i => i >= 0 && !_journaled.ContainsKey(i))
                .ToHashSet();
        }
        else
        {
            _dataKey = RandomNumberGenerator.GetBytes(32);
            var wrapped = await kms.WrapAsync(_dataKey, ct);
            pending = new PendingCycle(Manifest.NewPointId(time.GetUtcNow()), time.GetUtcNow(), disk.BlockSize, wrapped);
            _journal.Begin(pending);
        }

        _pointId = pending.PointId;
        return pending;
    }

    private async Task ScanAndUploadAsync(Manifest? previous, CancellationToken ct)
    {
        var before = previous?.Blocks.ToDictionary(b => b.Index) ?? [];
        var channel = Channel.CreateBounded<(long Index, byte[] Data, int Length, string Xxh3)>(disk.Concurrency * 2);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(before, channel.Writer, cts.Token), cts.Token);
        var options = new ParallelOptions { MaxDegreeOfParallelism = disk.Concurrency, CancellationToken = cts.Token };
        try
        {
            await Parallel.ForEachAsync(channel.Reader.ReadAllAsync(cts.Token), options,
                async (work, c) =>
                {
                    try
                    {
                        await UploadAsync(work.Index, work.Data.AsMemory(0, work.Length), work.Xxh3, c);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(work.Data);
                    }
                });
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await cts.CancelAsync();
            // A read error ends the producer first; report that, not the cancellation it caused.
            if (await Task.WhenAny(producer) is { IsFaulted: true } failed && failed.Exception?.InnerException is AgentException read)
            {
                throw read;
            }

            throw;
        }

        await producer;
    }

    private async Task ProduceAsync(Dictionary<long, BlockEntry> before, ChannelWriter<(long, byte[], int, string)> writer, CancellationToken ct)
    {
        Exception? error = null;
        try
        {
            var buffer = new byte[disk.BlockSize];
            var count = (source.Length + disk.BlockSize - 1) / disk.BlockSize;
            for (long i = 0; i < count; i++)
            {
                var n = source.Read(i * disk.BlockSize, buffer);
                var block = buffer.AsSpan(0, n);
                var xxh3 = XxHash3.HashToUInt64(block).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
                Counters.AddScanned(n);
                if (before.TryGetValue(i, out var old) && old.Xxh3 == xxh3 && old.PlainLength == n)
                {
                    _entries[i] = old;
                    continue;
                }

                _changedBytes += n;
                _changedBlocks++;
                if (_journaled.TryGetValue(i, out var done) && done.Xxh3 == xxh3 && done.PlainLength == n)
                {
                    _entries[i] = done;
                    Interlocked.Increment(ref _resumedBlocks);
                    continue;
                }

                // Pooled copies: a fresh 1-4 MiB array per block lands on the large object heap and
                // costs a gen-2 collection every few hundred blocks.
                var copy = ArrayPool<byte>.Shared.Rent(n);
                block.CopyTo(copy);
                await writer.WriteAsync((i, copy, n, xxh3), ct);
            }
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            writer.TryComplete(error);
        }
    }
}
