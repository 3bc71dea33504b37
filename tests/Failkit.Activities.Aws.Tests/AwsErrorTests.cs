using Failkit.Activities.Drills.Cloud;

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
    public async Task EbsRefusal_BecomesCloudOperationExceptionWithCodeAndRequestId()
    {
        await using var bed = await AwsTestbed.StartAsync();
        await using var session = bed.Open();
        var beyondTheDisk = TestDisks.Sparse("root", 1L << 30, 1 << 20, 2048);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.HydrateAsync(
            new HydrateRequest("d", "app-1", "d/app-1/disk", beyondTheDisk, new Dictionary<string, string>()), default));

        Assert.Contains("outside", error.Message);
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
