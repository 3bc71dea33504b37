using System.Diagnostics;
using Failkit.Agent.Blocks;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Blocks;

public sealed class FileBlockSourceTests
{
    /// <summary>A real Linux block device: a loop device over a generated image (the tests run as root).</summary>
    [Fact]
    public async Task LoopBlockDevice_IsReplicatedAndRestoredBitIdentically()
    {
        using var work = new TempDir();
        var image = work.Sub("backing.img");
        DiskImage.Create(image, 5 * DiskImage.Mib, seed: 12);
        var device = Losetup("-f", "--show", image);
        try
        {
            using (var source = FileBlockSource.Open(device))
            {
                Assert.Equal(5 * DiskImage.Mib, source.Length);
                Assert.StartsWith("block device", source.Description, StringComparison.Ordinal);
            }

            Directory.CreateDirectory(work.Sub("bucket"));
            var state = work.Sub("state");
            (await AgentRunner.RunAsync(state, "protect", "--disk", device, "--name", "loop", "--target", $"dir:{work.Sub("bucket")}")).Ok();
            var sync = (await AgentRunner.RunAsync(state, "sync")).Ok();
            Assert.Equal(5, sync.UploadedBlocks);
            (await AgentRunner.RunAsync(state, "verify", "--point", sync.PointId, "--out", work.Sub("restored.img"))).Ok();
            Assert.Equal(DiskImage.Sha256(image), DiskImage.Sha256(work.Sub("restored.img")));
        }
        finally
        {
            Losetup("-d", device);
        }
    }

    private static string Losetup(params string[] args)
    {
        var info = new ProcessStartInfo("losetup") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"losetup {string.Join(' ', args)} failed ({process.ExitCode}): {error}; this test needs root and loop devices");
        return output;
    }
}
