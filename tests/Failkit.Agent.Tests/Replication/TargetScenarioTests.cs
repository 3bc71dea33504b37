using Failkit.Agent.Tests.Fakes;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Replication;

public sealed class DirTargetTests
{
    [Fact]
    public async Task Image256MiB_FivePercentChanged_UploadsOnlyChangedBlocksAndRestoresBothPoints()
    {
        using var bucket = new TempDir();
        await IncrementalScenario.RunAsync(["--target", $"dir:{bucket.Path}"], 256L * DiskImage.Mib);
    }
}

public sealed class S3TargetTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Image256MiB_FivePercentChanged_UploadsOnlyChangedBlocksAndRestoresBothPoints() =>
        await IncrementalScenario.RunAsync(
            ["--target", $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}", "--endpoint", s3.Endpoint], 256L * DiskImage.Mib);
}

public sealed class AzureBlobTargetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // 64 MiB: azurite stores every block through its in-process JS pipeline, which is slower than the
    // other targets on a 2-core machine; the scenario's logic is the same at any size.
    [Fact]
    public async Task Image64MiB_FivePercentChanged_UploadsOnlyChangedBlocksAndRestoresBothPoints()
    {
        var prefix = Guid.NewGuid().ToString("N");
        await IncrementalScenario.RunAsync(["--target", $"azure://{AzuriteFixture.Container}/{prefix}"], 64L * DiskImage.Mib);
        var container = azurite.Service.GetBlobContainerClient(AzuriteFixture.Container);
        Assert.Equal(2, container.GetBlobs(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{prefix}/vm-01/disk0/points/" }, TestContext.Current.CancellationToken).Count());
    }

    [Fact]
    public async Task ContainerThatDoesNotExist_FailsWithClearMessage()
    {
        Assert.False(await azurite.Service.GetBlobContainerClient("no-such-container").ExistsAsync(TestContext.Current.CancellationToken));
        using var work = new TempDir();
        var image = work.Sub("disk.img");
        DiskImage.Create(image, DiskImage.Mib, seed: 1);
        var run = await AgentRunner.RunAsync(work.Sub("state"), "protect", "--disk", image, "--name", "d", "--target", "azure://no-such-container");
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("container 'no-such-container' does not exist", run.Err, StringComparison.Ordinal);
    }
}

public sealed class GcsTargetTests
{
    [Fact]
    public async Task Image64MiB_FivePercentChanged_UploadsOnlyChangedBlocksAndRestoresBothPoints()
    {
        await using var gcs = await FakeGcs.StartAsync("failkit-test");
        await IncrementalScenario.RunAsync(["--target", "gcs://failkit-test/agents", "--endpoint", gcs.Url], 64L * DiskImage.Mib);
        Assert.Equal(2, gcs.Keys("failkit-test").Count(k => k.StartsWith("agents/vm-01/disk0/points/", StringComparison.Ordinal)));
        Assert.All(gcs.UploadCounts, kv => Assert.Equal(1, kv.Value));
    }
}
