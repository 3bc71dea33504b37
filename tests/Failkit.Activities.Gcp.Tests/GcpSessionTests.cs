using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp.Tests;

public sealed class GcpSessionTests
{
    private static readonly Dictionary<string, string> NoTags = [];

    [Fact]
    public async Task CloudError_BecomesCloudOperationException_WithReasonAndRequestId()
    {
        await using var bed = await GcpTestbed.StartAsync();
        await using var session = bed.Session();
        var disk = await session.HydrateAsync(new HydrateRequest("d1", "vm", "e-hydrate", GcpTestbed.Disk("boot", 1), NoTags), default);
        bed.Fake.FailNext("instances.insert", 403, "quotaExceeded", "Quota 'CPUS' exceeded.  Limit: 8.0 in region europe-west1.", requestId: "7c1f0e2a9b3d4f51");

        var ex = await Assert.ThrowsAsync<CloudOperationException>(() => session.LaunchAsync(new LaunchRequest("d1", "vm", "e-launch", [disk], "n2-standard-8", NoTags), default));

        Assert.Equal("quotaExceeded", ex.ErrorCode);
        Assert.Equal("7c1f0e2a9b3d4f51", ex.RequestId);
        Assert.Contains("Quota 'CPUS' exceeded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, bed.Fake.Calls("instances.insert"));
        Assert.Equal(0, session.Calls.ThrottledRetries);
    }

    [Fact]
    public async Task FailedOperation_SurfacesItsErrorCode_AndOurRequestId()
    {
        await using var bed = await GcpTestbed.StartAsync();
        // GCE refuses raw disks that are not a whole number of its granularity; the session pads to 1 MiB only.
        bed.Fake.RawDiskGranularity = 2 * GcpTestbed.Granularity;
        await using var session = bed.Session();

        var ex = await Assert.ThrowsAsync<CloudOperationException>(() =>
            session.HydrateAsync(new HydrateRequest("d1", "vm", "bad-image", GcpTestbed.Disk("boot", 1), NoTags), default));

        Assert.Equal("INVALID_IMAGE_FILE", ex.ErrorCode);
        Assert.Equal(GcpNames.RequestId("images.insert", "bad-image"), ex.RequestId);
    }

    [Fact]
    public async Task HydrateRetriedAfterTheImageIsReady_UploadsNothing_AndReturnsTheSameImage()
    {
        await using var bed = await GcpTestbed.StartAsync();
        await using var session = bed.Session();
        var request = new HydrateRequest("d1", "vm", "same-key", GcpTestbed.Disk("boot", 9), NoTags);

        var first = await session.HydrateAsync(request, default);
        var second = await session.HydrateAsync(request, default);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("image", first.Kind);
        Assert.Equal(1, bed.Fake.Calls("objects.insert"));
        Assert.Equal(1, bed.Fake.Calls("images.insert"));
        Assert.Single(bed.Fake.Images);
    }

    [Fact]
    public async Task ScriptProbe_FailsWithAReason_BecauseGceHasNoRunCommand()
    {
        await using var bed = await GcpTestbed.StartAsync();
        await using var session = bed.Session();

        var attempt = await session.ProbeAsync(new CloudInstance("projects/drill-project/zones/europe-west1-b/instances/x", "127.0.0.1", []), new ProbeSpec("svc", ProbeKind.Script, Script: "systemctl is-active shop"), default);

        Assert.False(attempt.Passed);
        Assert.Contains("run-command", attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoneInstance_ReportsTerminated()
    {
        await using var bed = await GcpTestbed.StartAsync();
        await using var session = bed.Session();

        var state = await session.GetStateAsync(new CloudInstance("projects/drill-project/zones/europe-west1-b/instances/gone", null, []), default);

        Assert.Equal(InstancePhase.Terminated, state.Phase);
    }

    [Fact]
    public async Task Teardown_FollowsPages_AndDeletesStagedObjectsLeftByACrash()
    {
        await using var bed = await GcpTestbed.StartAsync();
        bed.Fake.PageSize = 1;
        await using var session = bed.Session();
        for (var i = 0; i < 3; i++)
        {
            var disk = await session.HydrateAsync(new HydrateRequest("d7", $"vm-{i}", $"page-{i}", GcpTestbed.Disk("boot", (byte)i), NoTags), default);
            await session.LaunchAsync(new LaunchRequest("d7", $"vm-{i}", $"page-launch-{i}", [disk], "e2-small", NoTags), default);
        }

        // A hydrate that crashed after the upload leaves its tarball; teardown must find it by prefix.
        bed.Fake.DropResponseOfNext("images.insert");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => session.HydrateAsync(new HydrateRequest("d7", "vm-x", "page-x", GcpTestbed.Disk("boot", 4), NoTags), default));
        Assert.Single(bed.Fake.Objects);
        Assert.Equal(11, (await session.SweepAsync("d7", default)).Count);

        var report = await session.TeardownAsync("d7", default);

        Assert.Empty(report.Failures);
        Assert.Contains(report.Deleted, r => r.Type == "object");
        Assert.Empty(await session.SweepAsync("d7", default));
        Assert.Empty(bed.Fake.Objects);
        Assert.True(bed.Fake.Calls("instances.aggregatedList") >= 4, "the sweep should have followed nextPageToken");
    }

    [Fact]
    public async Task Teardown_ThrottledPastTheLimitOnOneKind_ReportsIt_AndStillDeletesTheRest()
    {
        await using var bed = await GcpTestbed.StartAsync();
        var calls = new CloudCalls(2, TimeProvider.System, maxAttempts: 2, baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5));
        await using var session = bed.Session(calls);
        var disk = await session.HydrateAsync(new HydrateRequest("d9", "vm", "t-hydrate", GcpTestbed.Disk("boot", 2), NoTags), default);
        await session.LaunchAsync(new LaunchRequest("d9", "vm", "t-launch", [disk], "e2-small", NoTags), default);
        bed.Fake.ThrottleNext("images.list", 5);

        var report = await session.TeardownAsync("d9", default);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(new CloudResource("image", "*"), failure.Resource);
        Assert.Contains("rate limited", failure.Error, StringComparison.Ordinal);
        Assert.Contains(report.Deleted, r => r.Type == "instance");
        Assert.Empty(bed.Fake.Instances);
        Assert.Single(bed.Fake.Images);
    }

    [Fact]
    public async Task RateLimitedWithRetryAfter_CarriesTheServersDelay()
    {
        await using var bed = await GcpTestbed.StartAsync();
        var calls = new CloudCalls(1, TimeProvider.System, maxAttempts: 1);
        await using var session = bed.Session(calls);
        bed.Fake.ThrottleNext("images.list", 1, asForbidden: true, retryAfterSeconds: 7);

        var ex = await Assert.ThrowsAsync<CloudThrottledException>(() => session.SweepAsync("d1", default));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("rateLimitExceeded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StagedTarballThatWillNotDelete_DoesNotFailTheHydrate_ButTheSweepReportsIt()
    {
        await using var bed = await GcpTestbed.StartAsync();
        await using var session = bed.Session();
        var objectName = GcpNames.StagingPrefix("d5") + GcpNames.Resource("vm-boot", "o-hydrate") + ".tar.gz";
        bed.Fake.FailDeleteOf(objectName);

        var disk = await session.HydrateAsync(new HydrateRequest("d5", "vm", "o-hydrate", GcpTestbed.Disk("boot", 6), NoTags), default);
        var report = await session.TeardownAsync("d5", default);

        Assert.Equal("image", disk.Kind);
        Assert.Contains(report.Deleted, r => r.Type == "image");
        var failure = Assert.Single(report.Failures);
        Assert.Equal(new CloudResource("object", $"gs://drill-staging/{objectName}", objectName), failure.Resource);
        Assert.Contains("storage.objects.delete", failure.Error, StringComparison.Ordinal);
        Assert.Equal(failure.Resource, Assert.Single(await session.SweepAsync("d5", default)));
    }
}
