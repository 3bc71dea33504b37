using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws.Tests;

public sealed class AwsResilienceTests
{
    [Fact]
    public async Task ThrottledBoot_SucceedsAfterBackoff()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        await using var session = bed.Open();
        var image = await session.HydrateAsync(new HydrateRequest(drill, "app-1", $"{drill}/app-1/disk", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0), new Dictionary<string, string>()), default);
        bed.Fake.ThrottleNext("RunInstances", 2);

        var instance = await session.LaunchAsync(new LaunchRequest(drill, "app-1", $"{drill}/app-1/boot", [image], "small", new Dictionary<string, string>()), default);

        Assert.Equal(3, bed.Fake.Calls("RunInstances"));
        Assert.Equal(2, bed.Calls.ThrottledRetries);
        Assert.Equal(instance.Id, Assert.Single(bed.Fake.Instances).Id);
    }

    [Fact]
    public async Task ThrottledBlockUpload_IsRetriedAndTheBytesArrive()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var disk = TestDisks.Sparse("root", 64L << 20, 1 << 20, 2, 5, 11);
        bed.Fake.ThrottleNext("PutSnapshotBlock", 3);
        bed.Fake.ThrottleNext("DescribeSnapshots", 1);
        await using var session = bed.Open();

        await session.HydrateAsync(new HydrateRequest("d", "app-1", "d/app-1/disk", disk, new Dictionary<string, string>()), default);

        Assert.Equal(4, bed.Calls.ThrottledRetries);
        Assert.Equal(6 + 3, bed.Fake.Calls("PutSnapshotBlock"));
        await TestDisks.AssertHoldsAsync(Assert.Single(bed.Fake.Snapshots), disk);
    }

    [Fact]
    public async Task BootRetriedAfterCrash_CreatesNoDuplicate()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        CloudDisk image;
        await using (var first = bed.Open())
        {
            image = await first.HydrateAsync(new HydrateRequest(drill, "app-1", $"{drill}/app-1/disk", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0), new Dictionary<string, string>()), default);
            // Every answer is lost, including the SDK's own resend of a request that died on a pooled connection.
            bed.Fake.DropResponseOfNext("RunInstances", 100);
            await Assert.ThrowsAnyAsync<Exception>(() => first.LaunchAsync(Launch(drill, image), default));
        }

        bed.Fake.ClearFaults();
        var attempts = bed.Fake.Calls("RunInstances");
        var launched = Assert.Single(bed.Fake.Instances);
        // A new session, as after a worker restart: the step runs again with the same idempotency key.
        await using var second = bed.Open();
        var retried = await second.LaunchAsync(Launch(drill, image), default);

        Assert.Equal(launched.Id, retried.Id);
        Assert.Single(bed.Fake.Instances);
        Assert.Equal(attempts + 1, bed.Fake.Calls("RunInstances"));
        Assert.Single(bed.Fake.AssumedRoles);
    }

    [Theory]
    [InlineData("CompleteSnapshot", 2)]
    [InlineData("RegisterImage", 1)]
    public async Task HydrateRetriedAfterCrash_ReusesSnapshotAndImage(string lostAnswer, int expectedStartSnapshots)
    {
        await using var bed = await AwsTestbed.StartAsync();
        var disk = TestDisks.Sparse("root", (2L << 30) + 1, 1 << 20, 0, 9);
        var request = new HydrateRequest("d", "app-1", "d/app-1/disk", disk, new Dictionary<string, string>());
        await using var session = bed.Open();
        bed.Fake.DropResponseOfNext(lostAnswer, 100);
        await Assert.ThrowsAnyAsync<Exception>(() => session.HydrateAsync(request, default));
        bed.Fake.ClearFaults();

        var retried = await session.HydrateAsync(request, default);

        Assert.Equal(Assert.Single(bed.Fake.Images).Id, retried.Id);
        Assert.Equal(3, Assert.Single(bed.Fake.Snapshots).VolumeSizeGiB);
        Assert.Equal(expectedStartSnapshots, bed.Fake.Calls("StartSnapshot"));
        var blocks = bed.Fake.Snapshots[0].Blocks;
        Assert.Equal([0L, 1L, 18L, 19L], blocks.Keys.Order());
        Assert.Equal(TestDisks.Pattern(9, 1 << 20), blocks[18].Concat(blocks[19]).ToArray());
    }

    [Fact]
    public async Task LongIdempotencyKey_BecomesAStable64CharacterClientToken()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var key = new string('k', 200);
        await using var session = bed.Open();
        var image = await session.HydrateAsync(new HydrateRequest("d", "app-1", key, TestDisks.Sparse("root", 1L << 30, 1 << 20, 0), new Dictionary<string, string>()), default);

        var first = await session.LaunchAsync(new LaunchRequest("d", "app-1", key, [image], "t3.micro", new Dictionary<string, string>()), default);
        var second = await session.LaunchAsync(new LaunchRequest("d", "app-1", key, [image], "t3.micro", new Dictionary<string, string>()), default);

        Assert.Equal(first.Id, second.Id);
        var instance = Assert.Single(bed.Fake.Instances);
        Assert.Equal(64, instance.ClientToken!.Length);
        Assert.Equal("t3.micro", instance.InstanceType);
    }

    private static LaunchRequest Launch(string drill, CloudDisk image) =>
        new(drill, "app-1", $"{drill}/app-1/boot", [image], "small", new Dictionary<string, string>());
}
