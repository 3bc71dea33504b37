namespace Failkit.Agent.Blocks;

/// <summary>
/// A disk read as fixed-size blocks. Hypervisor adapters (CBT, RCT) implement the same
/// contract and may narrow <see cref="ChangedRangesSince"/> so unchanged blocks are not even read.
/// </summary>
public interface IBlockSource : IDisposable
{
    string Description { get; }

    long Length { get; }

    /// <summary>Reads up to buffer.Length bytes at offset; returns fewer only at the end of the disk.</summary>
    int Read(long offset, Span<byte> buffer);

    /// <summary>
    /// Byte ranges that may have changed since the given change id, or null when the source cannot
    /// tell (then every block is read and hashed).
    /// </summary>
    IReadOnlyList<(long Offset, long Length)>? ChangedRangesSince(string? changeId);
}
