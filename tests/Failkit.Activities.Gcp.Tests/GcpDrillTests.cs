using Failkit.Drills.Cloud;
using Failkit.CloudFakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Activities.Gcp.Tests;

/// <summary>The drill scenarios of the issue, through the session API against the fake Compute Engine.</summary>
public sealed class GcpDrillTests
{
    private static readonly Dictionary<string, string> Tags = new() { ["app"] = "Shop" };

    [Fact]
    public async Task FullDrillOfThreeVms_BootsProbesTearsDown_AndSweepsToZero()
    {
        await using var bed = await GcpTestbed.StartAsync();
        await using var app = await FakeServer.StartAsync(a => a.MapGet("/health", () => Results.Text("shop ok")));
        bed.Fake.PrivateAddress = "127.0.0.1";
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var other = DrillTags.ValueFor(Guid.NewGuid());
        bed.Fake.AddAddress("europe-west1", "drill-reserved-ip", new Dictionary<string, string> { [DrillTags.Key] = drill });
        bed.Fake.AddSnapshot("drill-snap", new Dictionary<string, string> { [DrillTags.Key] = drill });
        bed.Fake.AddSnapshot("other-drill-snap", new Dictionary<string, string> { [DrillTags.Key] = other });
        var port = app.BaseAddress.Port;
        ProbeSpec[] probes =
        [
            new("health", ProbeKind.Http, Url: $"http://{{address}}:{port}/health", ExpectedBody: "shop ok"),
            new("port", ProbeKind.Tcp, Port: port),
        ];
        await using var session = bed.Session();
        string[] vms = ["web-1", "web-2", "db-1"];

        var booted = await Task.WhenAll(vms.Select(async (vm, i) =>
        {
            var seed = (byte)(10 * (i + 1));
            var disk = await session.HydrateAsync(new HydrateRequest(drill, vm, $"{drill}:{vm}:hydrate", GcpTestbed.Disk("boot", seed), Tags), default);
            var instance = await session.LaunchAsync(new LaunchRequest(drill, vm, $"{drill}:{vm}:launch", [disk], "e2-small", Tags), default);
            var state = await PollUntilBootedAsync(session, instance);
            var attempts = await Task.WhenAll(probes.Select(p => session.ProbeAsync(instance with { PrivateAddress = state.PrivateAddress }, p, default)));
            return (Vm: vm, Seed: seed, Disk: disk, Instance: instance, State: state, Probes: attempts);
        }));

        foreach (var vm in booted)
        {
            Assert.Equal("127.0.0.1", vm.State.PrivateAddress);
            Assert.Contains(bed.Fake.BootMarker, vm.State.ConsoleTail, StringComparison.Ordinal);
            Assert.All(vm.Probes, p => Assert.True(p.Passed, p.Detail));
            AssertRawDisk(bed.Fake.RawDiskOf(vm.Disk.Id.Split('/')[^1]), vm.Seed);
            var instance = Assert.Single(bed.Fake.Instances, x => vm.Instance.Id.EndsWith("/" + x.Name, StringComparison.Ordinal));
            Assert.Equal(drill, instance.Labels[DrillTags.Key]);
            Assert.Equal(vm.Vm, instance.Labels[DrillTags.VmKey]);
            Assert.Equal("dr", instance.Labels["cost-center"]);
            Assert.Equal("zones/europe-west1-b/machineTypes/e2-small", instance.MachineType);
            Assert.Equal("projects/drill-project/global/networks/drill-vpc", instance.Network);
            Assert.Equal("projects/drill-project/regions/europe-west1/subnetworks/drill-subnet", instance.Subnetwork);
        }

        Assert.All(bed.Fake.Disks, d => Assert.Equal(drill, d.Labels[DrillTags.Key]));
        Assert.Equal(3, bed.Fake.Disks.Count);
        Assert.Empty(bed.Fake.Objects);

        var report = await session.TeardownAsync(drill, default);

        Assert.Empty(report.Failures);
        Assert.Equal(3, report.Deleted.Count(r => r.Type == "instance"));
        Assert.Equal(3, report.Deleted.Count(r => r.Type == "image"));
        Assert.Contains(report.Deleted, r => r.Type == "ip" && r.Name == "drill-reserved-ip");
        Assert.Contains(report.Deleted, r => r.Type == "snapshot" && r.Name == "drill-snap");
        Assert.Empty(await session.SweepAsync(drill, default));
        Assert.Empty(bed.Fake.Instances);
        Assert.Empty(bed.Fake.Disks);
        Assert.Empty(bed.Fake.Images);
        Assert.Equal(1, bed.Fake.Snapshots);
        Assert.Single(await session.SweepAsync(other, default));
    }

    [Fact]
    public async Task ThrottledBoot_SucceedsAfterBackoff()
    {
        await using var bed = await GcpTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var calls = new CloudCalls(2, TimeProvider.System, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(20));
        await using var session = bed.Session(calls);
        bed.Fake.ThrottleNext("images.insert", 1, asForbidden: true, retryAfterSeconds: 0);
        bed.Fake.ThrottleNext("instances.insert", 2);

        var disk = await session.HydrateAsync(new HydrateRequest(drill, "web-1", "k-hydrate", GcpTestbed.Disk("boot", 3), Tags), default);
        var instance = await session.LaunchAsync(new LaunchRequest(drill, "web-1", "k-launch", [disk], "e2-small", Tags), default);

        Assert.Equal(2, bed.Fake.Calls("images.insert"));
        Assert.Equal(3, bed.Fake.Calls("instances.insert"));
        Assert.Equal(3, calls.ThrottledRetries);
        Assert.Single(bed.Fake.Instances);
        Assert.Equal(InstancePhase.Running, (await PollUntilBootedAsync(session, instance)).Phase);
    }

    [Fact]
    public async Task ThrottledPastTheAttemptLimit_SurfacesTheThrottle()
    {
        await using var bed = await GcpTestbed.StartAsync();
        var calls = new CloudCalls(2, TimeProvider.System, maxAttempts: 3, baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5));
        await using var session = bed.Session(calls);
        bed.Fake.ThrottleNext("instances.aggregatedList", 10);

        await Assert.ThrowsAsync<CloudThrottledException>(() => session.SweepAsync("d1", default));

        Assert.Equal(3, bed.Fake.Calls("instances.aggregatedList"));
        Assert.Equal(2, calls.ThrottledRetries);
    }

    [Fact]
    public async Task BootRetriedAfterACrash_CreatesNoDuplicate()
    {
        await using var bed = await GcpTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var hydrate = new HydrateRequest(drill, "db-1", $"{drill}:db-1:hydrate", GcpTestbed.Disk("boot", 7), Tags);
        bed.Fake.DropResponseOfNext("images.insert");
        await using (var crashed = bed.Session())
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => crashed.HydrateAsync(hydrate, default));
        }

        await using var session = bed.Session();
        var disk = await session.HydrateAsync(hydrate, default);
        var launch = new LaunchRequest(drill, "db-1", $"{drill}:db-1:launch", [disk], "e2-small", Tags);
        bed.Fake.DropResponseOfNext("instances.insert");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => session.LaunchAsync(launch, default));
        Assert.Single(bed.Fake.Instances);

        var first = await session.LaunchAsync(launch, default);
        var again = await session.LaunchAsync(launch, default);

        Assert.Single(bed.Fake.Images);
        Assert.Single(bed.Fake.Instances);
        Assert.Single(bed.Fake.Disks);
        Assert.Equal(3, bed.Fake.Calls("instances.insert"));
        Assert.Equal(first.Id, again.Id);
        Assert.EndsWith("/" + bed.Fake.Instances[0].Name, first.Id, StringComparison.Ordinal);
        // Both retries got the original operation back through the requestId, not a name clash.
        Assert.Equal(2, first.RequestIds.Count);
        Assert.Equal(first.RequestIds, again.RequestIds);
    }

    [Fact]
    public async Task LeakedDisk_IsListedByTeardown_AndReturnedBySweep()
    {
        await using var bed = await GcpTestbed.StartAsync();
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        await using var session = bed.Session();
        var disk = await session.HydrateAsync(new HydrateRequest(drill, "app-1", "leak-hydrate", GcpTestbed.Disk("boot", 5), Tags), default);
        var instance = await session.LaunchAsync(new LaunchRequest(drill, "app-1", "leak-launch", [disk], "e2-small", Tags), default);
        var bootDisk = instance.Id.Split('/')[^1] + "-d0";
        bed.Fake.FailDeleteOf(bootDisk);

        var report = await session.TeardownAsync(drill, default);

        var failure = Assert.Single(report.Failures);
        Assert.Equal("disk", failure.Resource.Type);
        Assert.Equal(bootDisk, failure.Resource.Name);
        Assert.Contains("RESOURCE_OPERATION_RATE_EXCEEDED", failure.Error, StringComparison.Ordinal);
        Assert.Contains(report.Deleted, r => r.Type == "instance");
        var left = Assert.Single(await session.SweepAsync(drill, default));
        Assert.Equal(new CloudResource("disk", $"projects/drill-project/zones/europe-west1-b/disks/{bootDisk}", bootDisk), left);
        Assert.Equal(bootDisk, Assert.Single(bed.Fake.Disks).Name);
        Assert.Empty(bed.Fake.Instances);
    }

    private static void AssertRawDisk(byte[] raw, byte seed)
    {
        var expected = new byte[GcpTestbed.Disk("boot", seed).SizeBytes];
        foreach (var (offset, data) in GcpTestbed.ExpectedBlocks(seed))
        {
            data.CopyTo(expected, offset);
        }

        Assert.Equal(expected.Length, raw.Length);
        Assert.True(expected.AsSpan().SequenceEqual(raw), "the imported disk.raw differs from the recovery point's blocks");
    }

    private static async Task<InstanceState> PollUntilBootedAsync(GcpSession session, CloudInstance instance)
    {
        var seen = new List<InstancePhase>();
        for (var poll = 0; poll < 20; poll++)
        {
            var state = await session.GetStateAsync(instance, default);
            seen.Add(state.Phase);
            if (state is { Phase: InstancePhase.Running, StatusChecksPassed: true })
            {
                Assert.Contains(InstancePhase.Pending, seen);
                return state;
            }
        }

        throw new Xunit.Sdk.XunitException($"instance {instance.Id} never booted: {string.Join(", ", seen)}");
    }
}
