using Failkit.Drills.Cloud;
using Failkit.CloudFakes.Aws;

namespace Failkit.Activities.Aws.Tests;

internal static class TestDisks
{
    public const int EbsBlock = 512 * 1024;

    /// <summary>A sparse disk whose listed blocks are filled with a pattern seeded by the index (no zero bytes).</summary>
    public static DiskImage Sparse(string name, long sizeBytes, int blockSize, params long[] indexes)
    {
        var blocks = indexes.Select(i => new DiskBlock(i, Pattern(i, blockSize))).ToList();
        return new DiskImage(name, sizeBytes, blockSize, _ => blocks.ToAsyncEnumerable());
    }

    public static byte[] Pattern(long seed, int length)
    {
        var data = new byte[length];
        new Random((int)seed + 17).NextBytes(data);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(data[i] | 1);
        }

        return data;
    }

    /// <summary>What EBS should hold: the disk laid out flat, cut into 512 KiB blocks, the all-zero ones left out.</summary>
    public static async Task<Dictionary<long, byte[]>> ExpectedEbsBlocksAsync(DiskImage disk)
    {
        var flat = new byte[disk.SizeBytes];
        await foreach (var block in disk.ReadBlocks(default))
        {
            block.Data.Span.CopyTo(flat.AsSpan((int)(block.Index * disk.BlockSize)));
        }

        return flat.Chunk(EbsBlock)
            .Select((chunk, index) => (Index: (long)index, Data: chunk))
            .Where(c => c.Data.AsSpan().ContainsAnyExcept((byte)0))
            .ToDictionary(c => c.Index, c => c.Data);
    }

    public static async Task AssertHoldsAsync(FakeSnapshot snapshot, DiskImage disk)
    {
        var expected = await ExpectedEbsBlocksAsync(disk);
        Assert.Equal(expected.Keys.Order(), snapshot.Blocks.Keys.Order());
        foreach (var (index, data) in expected)
        {
            Assert.True(data.AsSpan().SequenceEqual(snapshot.Blocks[index]), $"EBS block {index} of {disk.DiskName} differs from the image.");
        }
    }
}
