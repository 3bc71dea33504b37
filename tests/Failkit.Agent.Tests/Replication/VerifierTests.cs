using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Replication;

public sealed class VerifierTests
{
    [Fact]
    public async Task OneFlippedByteInAnUploadedBlock_VerifyFailsAndNamesTheBlock()
    {
        using var work = new TempDir();
        var bucket = work.Sub("bucket");
        Directory.CreateDirectory(bucket);
        var image = work.Sub("disk.img");
        var state = work.Sub("state");
        DiskImage.Create(image, 16 * DiskImage.Mib, seed: 5);
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "app", "--target", $"dir:{bucket}")).Ok();
        var sync = (await AgentRunner.RunAsync(state, "sync")).Ok();

        var victim = Path.Combine(bucket, "app", "blocks", sync.PointId, "00000009");
        var bytes = File.ReadAllBytes(victim);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(victim, bytes);

        var verify = await AgentRunner.RunAsync(state, "verify", "--point", sync.PointId, "--out", work.Sub("restored.img"));
        Assert.Equal(ExitCodes.VerifyFailed, verify.ExitCode);
        Assert.Contains("1 corrupted block(s): block 9", verify.Err, StringComparison.Ordinal);
        Assert.Contains("tag mismatch", verify.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", verify.Err, StringComparison.Ordinal);
    }
}
