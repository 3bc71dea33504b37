using Failkit.Agent.Crypto;
using Failkit.Agent.Replication;
using Failkit.Agent.State;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Replication;

/// <summary>
/// One scenario, written once and run against every target: initial sync, 5% of the blocks changed,
/// an incremental sync that uploads only those, and a bit-identical restore of both points.
/// </summary>
public static class IncrementalScenario
{
    public static async Task RunAsync(string[] targetArgs, long imageSize)
    {
        using var work = new TempDir();
        var image = work.Sub("disk.img");
        var state = work.Sub("state");
        DiskImage.Create(image, imageSize, seed: 7);
        var blocks = (int)(imageSize / DiskImage.Mib);

        (await AgentRunner.RunAsync(state, ["protect", "--disk", image, "--name", "vm-01/disk0", .. targetArgs])).Ok();
        var first = (await AgentRunner.RunAsync(state, "sync")).Ok();
        Assert.Equal(blocks, first.UploadedBlocks);
        var firstSha = DiskImage.Sha256(image);

        var changed = (int)Math.Ceiling(blocks * 0.05);
        DiskImage.ChangeBlocks(image, DiskImage.Mib, changed, seed: 11);
        var second = (await AgentRunner.RunAsync(state, "sync")).Ok();
        var secondSha = DiskImage.Sha256(image);
        Assert.NotEqual(firstSha, secondSha);

        // Exactly the changed blocks went up, each as nonce + ciphertext + tag, plus the new manifest.
        var manifestBytes = File.ReadAllBytes(Path.Combine(new AgentState(state).DiskDir("vm-01/disk0"), "last-manifest.json"));
        Assert.Equal(changed, second.UploadedBlocks);
        Assert.Equal((long)changed * (DiskImage.Mib + BlockCipher.Overhead) + manifestBytes.Length, second.UploadedBytes);
        var manifest = Manifest.Parse(manifestBytes);
        Assert.Equal(second.PointId, manifest.PointId);
        Assert.Equal(changed, manifest.Blocks.Count(b => b.Point == second.PointId));
        Assert.Equal(blocks - changed, manifest.Blocks.Count(b => b.Point == first.PointId));
        Assert.Equal([first.PointId, second.PointId], manifest.Keys.Keys.Order(StringComparer.Ordinal));

        (await AgentRunner.RunAsync(state, "verify", "--point", first.PointId, "--out", work.Sub("first.img"))).Ok();
        (await AgentRunner.RunAsync(state, "verify", "--point", second.PointId, "--out", work.Sub("second.img"))).Ok();
        Assert.Equal(firstSha, DiskImage.Sha256(work.Sub("first.img")));
        Assert.Equal(secondSha, DiskImage.Sha256(work.Sub("second.img")));
    }
}
