using System.Runtime.CompilerServices;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

/// <summary>Re-cuts a disk image's blocks (any block size) into EBS's fixed 512 KiB blocks.</summary>
internal static class EbsBlocks
{
    /// <summary>Yields each EBS block that holds data, zero-filled around the image's bytes. All-zero blocks are
    /// skipped: EBS reads unwritten blocks as zeros. The image's blocks must come in ascending order (the agent's
    /// manifest is ordered), so only one partial EBS block is held at a time.</summary>
    public static async IAsyncEnumerable<(long Index, byte[] Data)> SplitAsync(DiskImage disk, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(disk);
        if (disk.BlockSize <= 0)
        {
            throw new ArgumentException($"Disk {disk.DiskName}: block size {disk.BlockSize} is not positive.", nameof(disk));
        }

        byte[]? current = null;
        long currentIndex = -1;
        long lastEnd = 0;
        await foreach (var block in disk.ReadBlocks(ct).WithCancellation(ct))
        {
            var offset = checked(block.Index * disk.BlockSize);
            if (block.Index < 0 || block.Data.Length > disk.BlockSize || offset + block.Data.Length > disk.SizeBytes)
            {
                throw new InvalidOperationException($"Disk {disk.DiskName}: block {block.Index} ({block.Data.Length} bytes) lies outside the {disk.SizeBytes}-byte disk.");
            }

            if (offset < lastEnd)
            {
                throw new InvalidOperationException($"Disk {disk.DiskName}: block {block.Index} came after a later block; blocks must be ascending.");
            }

            lastEnd = offset + block.Data.Length;
            var rest = block.Data;
            var position = offset;
            while (!rest.IsEmpty)
            {
                var index = position / EbsDirectClient.BlockSize;
                var within = (int)(position % EbsDirectClient.BlockSize);
                var count = Math.Min(EbsDirectClient.BlockSize - within, rest.Length);
                if (index != currentIndex)
                {
                    if (current is not null && !IsZero(current))
                    {
                        yield return (currentIndex, current);
                    }

                    current = new byte[EbsDirectClient.BlockSize];
                    currentIndex = index;
                }

                rest[..count].CopyTo(current!.AsMemory(within));
                rest = rest[count..];
                position += count;
            }
        }

        if (current is not null && !IsZero(current))
        {
            yield return (currentIndex, current);
        }
    }

    private static bool IsZero(byte[] data) => !data.AsSpan().ContainsAnyExcept((byte)0);
}
