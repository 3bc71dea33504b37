using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp.Tests;

public sealed class DiskTarballTests
{
    [Fact]
    public async Task BlocksOutOfOrder_AreRefused()
    {
        var disk = new DiskImage("boot", 1 << 20, 4096, _ => Blocks(new DiskBlock(5, new byte[] { 1 }), new DiskBlock(2, new byte[] { 2 })));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DiskTarball.WriteAsync(disk, 1 << 20, Stream.Null, default));

        Assert.Contains("ascending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockPastTheEnd_IsRefused()
    {
        var disk = new DiskImage("boot", 1 << 20, 4096, _ => Blocks(new DiskBlock(256, new byte[] { 1 })));

        await Assert.ThrowsAsync<InvalidOperationException>(() => DiskTarball.WriteAsync(disk, 1 << 20, Stream.Null, default));
    }

    [Fact]
    public void RawSize_RoundsUpToTheGranularity()
    {
        var disk = new DiskImage("boot", (10L << 30) + 1, 4096, _ => Blocks());

        Assert.Equal(11L << 30, DiskTarball.RawSize(disk, DiskTarball.GceGranularity));
    }

    private static async IAsyncEnumerable<DiskBlock> Blocks(params DiskBlock[] blocks)
    {
        foreach (var block in blocks)
        {
            await Task.Yield();
            yield return block;
        }
    }
}
