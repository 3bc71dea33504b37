using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws.Tests;

public sealed class EbsBlocksTests
{
    [Fact]
    public async Task SmallBlocks_AreGatheredIntoOneEbsBlockAtTheirOffsets()
    {
        var disk = TestDisks.Sparse("root", 4L << 20, 4096, 1, 127, 128, 129);

        var blocks = await EbsBlocks.SplitAsync(disk, default).ToListAsync();

        Assert.Equal([0L, 1L], blocks.Select(b => b.Index));
        Assert.True(blocks[0].Data.AsSpan(4096, 4096).SequenceEqual(TestDisks.Pattern(1, 4096)));
        Assert.True(blocks[0].Data.AsSpan(0, 4096).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(blocks[1].Data.AsSpan(0, 4096).SequenceEqual(TestDisks.Pattern(128, 4096)));
    }

    [Fact]
    public async Task BlockStraddlingTwoEbsBlocks_IsSplit()
    {
        var disk = TestDisks.Sparse("root", 4L << 20, 384 << 10, 1);

        var blocks = await EbsBlocks.SplitAsync(disk, default).ToListAsync();

        Assert.Equal([0L, 1L], blocks.Select(b => b.Index));
        Assert.Equal(await TestDisks.ExpectedEbsBlocksAsync(disk), blocks.ToDictionary(b => b.Index, b => b.Data));
    }

    [Fact]
    public async Task BlocksOutOfOrder_AreRefused()
    {
        var disk = TestDisks.Sparse("root", 4L << 20, 4096, 5, 2);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await EbsBlocks.SplitAsync(disk, default).ToListAsync());

        Assert.Contains("ascending", error.Message);
    }
}
