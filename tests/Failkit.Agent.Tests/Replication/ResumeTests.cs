using Failkit.Agent.State;
using Failkit.Agent.Tests.Fakes;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Replication;

public sealed class ResumeTests
{
    [Fact]
    public async Task SyncKilledMidUpload_Rerun_CompletesWithoutUploadingAnyBlockTwice()
    {
        using var work = new TempDir();
        await using var gcs = await FakeGcs.StartAsync("bucket");
        var image = work.Sub("disk.img");
        var state = work.Sub("state");
        const int blocks = 64;
        DiskImage.Create(image, blocks * DiskImage.Mib, seed: 3);
        // The cap (about 12 MB/s) stretches the upload over seconds so the kill lands in the middle of it.
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "db/disk0", "--target", "gcs://bucket",
            "--endpoint", gcs.Url, "--bandwidth-mbps", "100", "--concurrency", "2")).Ok();

        var journal = Path.Combine(new AgentState(state).DiskDir("db/disk0"), "pending.journal");
        using (var agent = AgentRunner.Start(state, "sync"))
        {
            var child = agent.Process;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (JournalLines(journal) < 8 && !child.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            Assert.False(child.HasExited, "sync finished before it could be killed");
            child.Kill();
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var uploadedBeforeKill = gcs.UploadCounts.Keys.Count(k => k.Contains("/blocks/", StringComparison.Ordinal));
        Assert.InRange(uploadedBeforeKill, 8, blocks - 1);
        Assert.DoesNotContain(gcs.Keys("bucket"), k => k.Contains("/points/", StringComparison.Ordinal));

        var rerun = (await AgentRunner.RunAsync(state, "sync")).Ok();
        Assert.Contains("yes (", rerun.Out, StringComparison.Ordinal);
        Assert.Equal(blocks - uploadedBeforeKill, rerun.UploadedBlocks);
        var blockUploads = gcs.UploadCounts.Where(kv => kv.Key.Contains("/blocks/", StringComparison.Ordinal)).ToList();
        Assert.Equal(blocks, blockUploads.Count);
        Assert.All(blockUploads, kv => Assert.Equal(1, kv.Value));

        (await AgentRunner.RunAsync(state, "verify", "--point", rerun.PointId, "--out", work.Sub("restored.img"))).Ok();
        Assert.Equal(DiskImage.Sha256(image), DiskImage.Sha256(work.Sub("restored.img")));
    }

    private static int JournalLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Count(c => c == '\n');
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }
}
