using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure.Tests;

public sealed class AzureHydrateTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task AgentSizedBlocks_AreCoalescedIntoPutPagesOfAtMost4MiB_ShortBlockPadded()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var blocks = AzureRig.Filled(MiB, (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (8, 9));
        blocks[9] = [0xAA, 0xBB, 0xCC];

        await session.HydrateAsync(new HydrateRequest(drill, "db-1", $"{drill}/db-1/disk0",
            AzureRig.Image("disk0", (9 * MiB) + 3, MiB, blocks), new Dictionary<string, string>()), default);

        var blob = rig.BlobOf("db-1");
        Assert.Equal([(0L, 4 * MiB), (4L * MiB, 2 * MiB), (8L * MiB, 2 * MiB), (10L * MiB, 512)], blob.Writes);
        Assert.Equal((10L * MiB) + 512, blob.Size);
        Assert.Equal(new byte[] { 6, 0 }, blob.Read((6L * MiB) - 1, 2));
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC, 0 }, blob.Read(9L * MiB, 4));
        Assert.Equal(10L * MiB, Assert.Single(rig.Fake.Resources("Microsoft.Compute/disks")).Properties["diskSizeBytes"]!.GetValue<long>());
    }
}
