using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws.Tests;

public sealed class AwsCleanupTests
{
    [Fact]
    public async Task LeakedDisk_IsListedByTeardownAndReportedBySweep()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        await using var session = bed.Open();
        var instance = await AwsTestbed.BootAsync(session, drill, "db-1", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0));
        var volume = Assert.Single(bed.Fake.Instances.Single(i => i.Id == instance.Id).VolumeIds);
        bed.Fake.FailDeleteOf(volume);

        var report = await session.TeardownAsync(drill, default);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(new CloudResource("disk", volume, "db-1"), failure.Resource);
        Assert.Contains("UnauthorizedOperation", failure.Error);
        Assert.Contains("request ", failure.Error);
        Assert.Contains(report.Deleted, r => r.Type == "instance" && r.Id == instance.Id);
        Assert.Equal([new CloudResource("disk", volume, "db-1")], await session.SweepAsync(drill, default));
    }

    [Fact]
    public async Task InstanceThatCannotBeTerminated_IsReportedWithItsDiskAndNic()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        await using var session = bed.Open();
        var stuck = await AwsTestbed.BootAsync(session, drill, "app-1", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0));
        var fine = await AwsTestbed.BootAsync(session, drill, "app-2", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0));
        bed.Fake.FailDeleteOf(stuck.Id);
        var leftBehind = bed.Fake.Instances.Single(i => i.Id == stuck.Id);

        var report = await session.TeardownAsync(drill, default);

        Assert.Equal(
            new[] { stuck.Id, leftBehind.VolumeIds[0], leftBehind.NetworkInterfaceId }.Order(),
            report.Failures.Select(f => f.Resource.Id).Order());
        Assert.Contains("UnauthorizedOperation", report.Failures.Single(f => f.Resource.Id == stuck.Id).Error);
        Assert.Contains(report.Deleted, r => r.Id == fine.Id);
        Assert.Equal("terminated", bed.Fake.Instances.Single(i => i.Id == fine.Id).State);
        var sweep = await session.SweepAsync(drill, default);
        Assert.Equal(
            new[] { ("instance", stuck.Id), ("nic", leftBehind.NetworkInterfaceId), ("disk", leftBehind.VolumeIds[0]) },
            sweep.Select(r => (r.Type, r.Id)));
    }

    [Fact]
    public async Task Sweep_IgnoresOtherDrills()
    {
        await using var bed = await AwsTestbed.StartAsync();
        var mine = DrillTags.ValueFor(Guid.NewGuid());
        var other = DrillTags.ValueFor(Guid.NewGuid());
        await using var session = bed.Open();
        await AwsTestbed.BootAsync(session, other, "app-1", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0));

        var report = await session.TeardownAsync(mine, default);

        Assert.Empty(report.Deleted);
        Assert.Empty(await session.SweepAsync(mine, default));
        Assert.Equal(["instance", "nic", "disk", "image", "snapshot"], (await session.SweepAsync(other, default)).Select(r => r.Type));
    }
}
