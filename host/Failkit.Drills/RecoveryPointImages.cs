using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Failkit.Drills.Cloud;

namespace Failkit.Drills;

/// <summary>Turns a chosen recovery point of a disk into the plaintext blocks a provider hydrates.</summary>
public interface IRecoveryPointImages
{
    DiskImage ImageOf(ChosenPoint point, VmDisk disk);
}

/// <summary>The image of a point known only by its metadata: the disk's declared size, with one header block that
/// names the point (so a booted disk can be traced back to it). Reading the agent's encrypted blocks from the
/// customer's bucket, with the customer's KMS, is not implemented yet (docs/decisions/drills-hydration-source.md).</summary>
public sealed class MetadataRecoveryPointImages : IRecoveryPointImages
{
    public const int BlockSize = 1024 * 1024;

    public DiskImage ImageOf(ChosenPoint point, VmDisk disk)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(disk);
        var header = Encoding.UTF8.GetBytes($"failkit recovery point {point.PointId} of disk {disk.Name} at {point.PointTime:O}\n");
        return new DiskImage(disk.Name, Math.Max(disk.SizeBytes, BlockSize), BlockSize, ct => Blocks(header, ct));
    }

    private static async IAsyncEnumerable<DiskBlock> Blocks(byte[] header, [EnumeratorCancellation] CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var block = new byte[BlockSize];
        header.CopyTo(block, 0);
        SHA256.HashData(header).CopyTo(block, BlockSize - 32);
        yield return new DiskBlock(0, block);
        await Task.CompletedTask;
    }
}
