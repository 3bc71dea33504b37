using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws.Tests;

public sealed class AwsErrorTests
{
    [Fact]
    public async Task Ec2Refusal_BecomesCloudOperationExceptionWithCodeAndRequestId()
    {
        await using var bed = await AwsTestbed.StartAsync();
        await using var session = bed.Open();

        var error = await Assert.ThrowsAsync<CloudOperationException>(() => session.LaunchAsync(
            new LaunchRequest("d", "app-1", "d/app-1/boot", [new CloudDisk("ami-0000000000missing", "image", [])], "small", new Dictionary<string, string>()), default));

        Assert.Equal("InvalidAMIID.NotFound", error.ErrorCode);
        Assert.True(Guid.TryParse(error.RequestId, out _), $"request id {error.RequestId}");
        Assert.Equal(0, bed.Calls.ThrottledRetries);
    }

    [Fact]
    public async Task WrongExternalId_IsRefusedByStsWithItsCode()
    {
        await using var bed = await AwsTestbed.StartAsync();
        bed.Fake.ExternalId = "the-customer-changed-it";
        await using var session = bed.Open();

        var error = await Assert.ThrowsAsync<CloudOperationException>(() => session.SweepAsync("d", default));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Empty(bed.Fake.AssumedRoles);
    }

    [Fact]
    public async Task WronglySignedPlatformRequest_IsRefusedBySignatureCheck()
    {
        await using var bed = await AwsTestbed.StartAsync();
        using var provider = new AwsCloudProvider(TimeProvider.System, new AwsPlatformCredentials(new Amazon.Runtime.BasicAWSCredentials(bed.Fake.PlatformAccessKeyId, "not-the-secret")));
        await using var session = provider.Open(bed.Account, bed.Calls, AwsTestbed.FastOptions);

        var error = await Assert.ThrowsAsync<CloudOperationException>(() => session.SweepAsync("d", default));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Empty(bed.Fake.AssumedRoles);
    }

    [Fact]
    public async Task EbsRefusal_BecomesCloudOperationExceptionWithCodeAndRequestId()
    {
        await using var bed = await AwsTestbed.StartAsync();
        await using var session = bed.Open();
        bed.Fake.FailNext("StartSnapshot", 402, "ServiceQuotaExceededException", "Your request failed because you have exceeded your snapshot quota.");

        var error = await Assert.ThrowsAsync<CloudOperationException>(() => session.HydrateAsync(
            new HydrateRequest("d", "app-1", "d/app-1/disk", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0), new Dictionary<string, string>()), default));

        Assert.Equal("ServiceQuotaExceededException", error.ErrorCode);
        Assert.True(Guid.TryParse(error.RequestId, out _), $"request id {error.RequestId}");
        Assert.Contains("snapshot quota", error.Message);
        Assert.Empty(bed.Fake.Snapshots);
    }

    [Fact]
    public async Task RefusedBlock_FailsTheHydrateWithoutRegisteringAnImage()
    {
        await using var bed = await AwsTestbed.StartAsync();
        await using var session = bed.Open();
        bed.Fake.FailNext("PutSnapshotBlock", 400, "ValidationException", "INVALID_BLOCK: the block could not be stored.");

        var error = await Assert.ThrowsAsync<CloudOperationException>(() => session.HydrateAsync(
            new HydrateRequest("d", "app-1", "d/app-1/disk", TestDisks.Sparse("root", 64L << 20, 1 << 20, 0, 4, 8, 12, 16, 20), new Dictionary<string, string>()), default));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal(0, bed.Fake.Calls("CompleteSnapshot"));
        Assert.Empty(bed.Fake.Images);
    }

    [Fact]
    public async Task BlockBeyondTheDisk_IsRefusedBeforeAnyUpload()
    {
        await using var bed = await AwsTestbed.StartAsync();
        await using var session = bed.Open();
        var beyondTheDisk = TestDisks.Sparse("root", 1L << 30, 1 << 20, 2048);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.HydrateAsync(
            new HydrateRequest("d", "app-1", "d/app-1/disk", beyondTheDisk, new Dictionary<string, string>()), default));

        Assert.Contains("outside", error.Message);
        Assert.Equal(0, bed.Fake.Calls("PutSnapshotBlock"));
    }

    [Fact]
    public async Task ThrottlingThatNeverEnds_SurfacesAsThrottledAfterMaxAttempts()
    {
        await using var bed = await AwsTestbed.StartAsync();
        bed.Fake.ThrottleNext("DescribeInstances", 100);
        await using var session = bed.Open();

        await Assert.ThrowsAsync<CloudThrottledException>(() => session.SweepAsync("d", default));

        Assert.Equal(bed.Calls.MaxAttempts, bed.Fake.Calls("DescribeInstances"));
        Assert.Equal(bed.Calls.MaxAttempts - 1, bed.Calls.ThrottledRetries);
    }
}
