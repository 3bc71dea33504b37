using Failkit.Agent.Tests.Fakes;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Cli;

/// <summary>Operator mistakes end with one clear line on stderr and exit code 1, never a stack trace.</summary>
public sealed class BadInputTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly TempDir _work = new();

    [Theory]
    [InlineData("/nonexistent/disk.img", "disk '/nonexistent/disk.img' does not exist")]
    [InlineData("/dev/failkit-no-such-device", "device '/dev/failkit-no-such-device' does not exist")]
    [InlineData("/dev/null", "device '/dev/null' is not a block device")]
    [InlineData("/tmp", "disk '/tmp' is a directory")]
    [InlineData("vsphere://vcenter.local/dc/vm-42/disk0", "not available on this platform")]
    [InlineData("hyperv://host/vm-7/disk0", "not available on this platform")]
    public async Task UnusableDisk_FailsWithClearMessage(string disk, string expected)
    {
        var run = await AgentRunner.RunAsync(_work.Sub("state"), "protect", "--disk", disk, "--name", "d", "--target", $"dir:{_work.Path}");
        AssertFailure(run, expected);
    }

    [Fact]
    public async Task S3BucketThatDoesNotExist_FailsWithClearMessage()
    {
        var run = await AgentRunner.RunAsync(_work.Sub("state"), "protect", "--disk", Image(), "--name", "d",
            "--target", "s3://no-such-bucket/x", "--endpoint", s3.Endpoint);
        AssertFailure(run, "bucket 'no-such-bucket' does not exist");
    }

    [Fact]
    public async Task GcsBucketThatDoesNotExist_FailsWithClearMessage()
    {
        await using var gcs = await FakeGcs.StartAsync("other");
        var run = await AgentRunner.RunAsync(_work.Sub("state"), "protect", "--disk", Image(), "--name", "d", "--target", "gcs://missing", "--endpoint", gcs.Url);
        AssertFailure(run, "bucket 'missing' does not exist");
    }

    [Fact]
    public async Task AwsKmsKeyThatDoesNotExist_FailsWithClearMessage()
    {
        await using var kms = await FakeAwsKms.StartAsync("alias/failkit");
        var run = await AgentRunner.RunAsync(_work.Sub("state"), "protect", "--disk", Image(), "--name", "d", "--target", $"dir:{_work.Path}",
            "--kms", "aws-kms:alias/not-this-one", "--kms-endpoint", kms.Url);
        AssertFailure(run, "wrong KMS key: AWS KMS key 'alias/not-this-one' was not found");
    }

    [Fact]
    public async Task RestoreWithAnotherLocalKeyFile_FailsNamingTheWrongKey()
    {
        var state = _work.Sub("state");
        var bucket = _work.Sub("bucket");
        Directory.CreateDirectory(bucket);
        (await AgentRunner.RunAsync(state, "protect", "--disk", Image(), "--name", "d", "--target", $"dir:{bucket}")).Ok();
        var sync = (await AgentRunner.RunAsync(state, "sync")).Ok();
        Failkit.Agent.Crypto.LocalKeyFileWrapper.Create(Path.Combine(state, "keys", "local.key"));

        var run = await AgentRunner.RunAsync(state, "verify", "--point", sync.PointId, "--out", _work.Sub("out.img"));
        AssertFailure(run, "wrong KMS key: the data key was wrapped by local:");
    }

    [Fact]
    public async Task UnknownRecoveryPoint_FailsWithClearMessage()
    {
        var state = _work.Sub("state");
        (await AgentRunner.RunAsync(state, "protect", "--disk", Image(), "--name", "d", "--target", $"dir:{_work.Path}")).Ok();
        var run = await AgentRunner.RunAsync(state, "verify", "--point", "20200101T000000Z-000000", "--out", _work.Sub("out.img"));
        AssertFailure(run, "recovery point '20200101T000000Z-000000' of disk 'd' does not exist");
    }

    [Fact]
    public async Task SyncBeforeProtect_FailsWithClearMessage() =>
        AssertFailure(await AgentRunner.RunAsync(_work.Sub("state"), "sync"), "no disk is protected yet");

    private string Image()
    {
        var path = _work.Sub("disk.img");
        if (!File.Exists(path))
        {
            DiskImage.Create(path, 4 * DiskImage.Mib, seed: 1);
        }

        return path;
    }

    private static void AssertFailure(AgentRun run, string expected)
    {
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
