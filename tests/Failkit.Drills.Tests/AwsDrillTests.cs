using Failkit.CloudFakes.Aws;
using Failkit.Drills.Cloud;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

/// <summary>Drills on AWS through the real runbook and the real provider and SDK, against the wire-level EC2/EBS/STS fake.
/// The fake is shared by the class, so every assertion on it is scoped to the drill's tag.</summary>
public sealed class AwsDrillTests(AwsPlaneFixture fixture) : IClassFixture<AwsPlaneFixture>, IAsyncLifetime
{
    private AwsFake Fake => fixture.Fake;

    public ValueTask InitializeAsync()
    {
        Fake.ClearFaults();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Fake.ClearFaults();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ThreeVmDrill_BootsProbesAndLeavesNothingInTheAccount()
    {
        await using var target = await ProbeTarget.StartAsync();
        var (drill, tag) = await RunAsync(target);

        CloudDrill.AssertSucceeded(drill);
        AssertOneTerminatedInstancePerVm(tag);
        AssertNothingLiveOf(tag);
        Assert.True(target.HealthRequests >= 3);
        var launched = Fake.Instances.Where(i => i.Tags.GetValueOrDefault(DrillTags.Key) == tag).Select(i => i.Id).Order();
        Assert.Equal(launched, drill["vms"]!.AsArray().Select(vm => vm!["instanceId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task ThrottledBoot_SucceedsAfterBackoff()
    {
        await using var target = await ProbeTarget.StartAsync();
        var before = (Fake.Calls("RunInstances"), Fake.Calls("RegisterImage"));
        Fake.ThrottleNext("RunInstances", 3);
        Fake.ThrottleNext("RegisterImage", 2);

        var (drill, tag) = await RunAsync(target);

        CloudDrill.AssertSucceeded(drill);
        // Three launches and three registrations got through, after three and two RequestLimitExceeded answers.
        Assert.Equal(3 + 3, Fake.Calls("RunInstances") - before.Item1);
        Assert.Equal(3 + 2, Fake.Calls("RegisterImage") - before.Item2);
        AssertOneTerminatedInstancePerVm(tag);
        AssertNothingLiveOf(tag);
    }

    [Fact]
    public async Task LaunchWhoseAnswerIsLost_CreatesOneInstancePerVm()
    {
        await using var target = await ProbeTarget.StartAsync();
        var before = Fake.Calls("RunInstances");
        // EC2 carries the first launch out, then the connection dies before the answer: asked again, the same ClientToken finds it.
        Fake.DropResponseOfNext("RunInstances");

        var (drill, tag) = await RunAsync(target);

        Assert.Equal(3 + 1, Fake.Calls("RunInstances") - before);
        AssertOneTerminatedInstancePerVm(tag);
        AssertNothingLiveOf(tag);
        CloudDrill.AssertSucceeded(drill);
    }

    [Fact]
    public async Task DiskWhoseDeleteFails_DrillFailsWithTheDiskInLeftovers()
    {
        await using var target = await ProbeTarget.StartAsync(held: true);
        var account = await fixture.AccountAsync();
        var group = await CloudDrill.GroupAsync(fixture.Plane, account.Id, target);
        using var client = await fixture.Plane.ApiClientAsync();
        var (id, tag) = await CloudDrill.StartAsync(client, group.Id, await CloudDrill.QuickSweepRunbookAsync(fixture.Plane));
        // The probes stay red until the first wave's volume exists; then its delete is denied, as under a deny policy.
        var leaked = await Eventually.FoundAsync(() => Fake.Volumes.FirstOrDefault(v => v.Tags.GetValueOrDefault(DrillTags.Key) == tag)?.Id);
        Fake.FailDeleteOf(leaked);
        // The disk was hydrated from the recovery point's image: one header block naming the point (MetadataRecoveryPointImages).
        var snapshot = Fake.Snapshots.First(s => s.Tags.GetValueOrDefault(DrillTags.Key) == tag);
        Assert.StartsWith("failkit recovery point ", System.Text.Encoding.UTF8.GetString(snapshot.Blocks[0].AsSpan(0, 64)), StringComparison.Ordinal);
        // One 1 MiB image block is two 512 KiB EBS blocks: the header opens the first, its SHA-256 closes the second.
        Assert.Equal([0L, 1L], snapshot.Blocks.Keys.Order());
        target.Release();

        var drill = await DrillPlane.FinishedAsync(client, id);

        Assert.True(drill["status"]!.GetValue<string>() == DrillStatus.Failed, drill.ToJsonString());
        Assert.Equal([leaked], CloudDrill.Leftovers(drill));
        Assert.All(drill["vms"]!.AsArray(), vm => Assert.Equal("Passed", vm!["verdict"]!.GetValue<string>()));
        Assert.Equal(leaked, Assert.Single(Fake.Volumes, v => v.Tags.GetValueOrDefault(DrillTags.Key) == tag).Id);
        AssertOneTerminatedInstancePerVm(tag);
    }

    private async Task<(System.Text.Json.Nodes.JsonObject Drill, string Tag)> RunAsync(ProbeTarget target)
    {
        var account = await fixture.AccountAsync();
        var group = await CloudDrill.GroupAsync(fixture.Plane, account.Id, target);
        using var client = await fixture.Plane.ApiClientAsync();
        var (id, tag) = await CloudDrill.StartAsync(client, group.Id);
        return (await DrillPlane.FinishedAsync(client, id), tag);
    }

    private void AssertOneTerminatedInstancePerVm(string tag)
    {
        var instances = Fake.Instances.Where(i => i.Tags.GetValueOrDefault(DrillTags.Key) == tag).ToList();
        Assert.Equal(CloudDrill.Vms.Select(v => v.Name).Order(), instances.Select(i => i.Tags[DrillTags.VmKey]).Order());
        Assert.All(instances, i => Assert.Equal("terminated", i.State));
    }

    private void AssertNothingLiveOf(string tag)
    {
        bool Of(AwsFakeResource r) => r.Tags.GetValueOrDefault(DrillTags.Key) == tag;
        Assert.DoesNotContain(Fake.Volumes, Of);
        Assert.DoesNotContain(Fake.Snapshots, Of);
        Assert.DoesNotContain(Fake.Images, Of);
        Assert.DoesNotContain(Fake.NetworkInterfaces, Of);
        Assert.DoesNotContain(Fake.Addresses, Of);
    }
}
