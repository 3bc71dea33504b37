using Failkit.Drills.Cloud;
using Failkit.CloudFakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Activities.Aws.Tests;

public sealed class AwsDrillTests
{
    [Fact]
    public async Task ThreeVmDrill_BootsProbesTearsDownAndSweepsToZero()
    {
        await using var bed = await AwsTestbed.StartAsync();
        await using var app = await FakeServer.StartAsync(a => a.MapGet("/health", () => Results.Text("shop healthy")));
        bed.Fake.PrivateAddress = "127.0.0.1";
        bed.Fake.RunScript = (_, script) => script == "systemctl is-active shop" ? (0, "active") : (3, "inactive");
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        // An address left by an earlier crashed step of the same drill: teardown must release it too.
        bed.Fake.AllocateAddress(new Dictionary<string, string> { [DrillTags.Key] = drill });
        var disks = new Dictionary<string, DiskImage>
        {
            ["web-1"] = TestDisks.Sparse("web-1-root", 8L << 20, 1 << 20, 0, 3, 7),
            ["web-2"] = TestDisks.Sparse("web-2-root", 8L << 20, 64 << 10, 1, 2, 9, 100),
            ["db-1"] = TestDisks.Sparse("db-1-root", 16L << 20, 4 << 10, 0, 1, 127, 128, 4095),
        };
        var port = app.BaseAddress.Port;
        ProbeSpec[] probes =
        [
            new("health", ProbeKind.Http, Url: $"http://{{address}}:{port}/health", ExpectedBody: "healthy"),
            new("port", ProbeKind.Tcp, Port: port),
            new("service", ProbeKind.Script, Script: "systemctl is-active shop"),
        ];

        await using var session = bed.Open();
        foreach (var (vm, disk) in disks)
        {
            var instance = await AwsTestbed.BootAsync(session, drill, vm, disk);
            var state = await session.GetStateAsync(instance, default);
            Assert.Contains("Failkit replica ready", state.ConsoleTail);
            foreach (var probe in probes)
            {
                var attempt = await session.ProbeAsync(instance, probe, default);
                Assert.True(attempt.Passed, $"{vm} {probe.Name}: {attempt.Detail}");
            }
        }

        Assert.All(bed.Fake.AssumedRoles, r => Assert.Equal(AwsTestbed.RoleArn, r.RoleArn));
        Assert.Equal(3, bed.Fake.Instances.Count);
        foreach (var instance in bed.Fake.Instances)
        {
            Assert.Equal(drill, instance.Tags[DrillTags.Key]);
            Assert.Equal("shop", instance.Tags["app"]);
            Assert.Equal("dr-tests", instance.Tags["cost-center"]);
            Assert.Equal(("t3.small", "subnet-0d1011", "sg-0d1011"), (instance.InstanceType, instance.SubnetId, instance.SecurityGroups.Single()));
            Assert.False(instance.AssociatePublicIp);
            Assert.Equal("required", instance.MetadataHttpTokens);
            Assert.Equal("FailkitDrillSsm", instance.InstanceProfile);
            var snapshot = bed.Fake.Snapshots.Single(s => s.Id == bed.Fake.Images.Single(i => i.Id == instance.ImageId).RootSnapshotId);
            await TestDisks.AssertHoldsAsync(snapshot, disks[instance.Tags[DrillTags.VmKey]]);
        }

        Assert.All(bed.Fake.Volumes, v => Assert.Equal(drill, v.Tags[DrillTags.Key]));
        Assert.All(bed.Fake.NetworkInterfaces, n => Assert.Equal(drill, n.Tags[DrillTags.Key]));
        Assert.Equal(3, bed.Fake.Commands.Count);

        var report = await session.TeardownAsync(drill, default);

        Assert.Empty(report.Failures);
        Assert.Equal(3, report.Deleted.Count(r => r.Type == "instance"));
        Assert.Equal(3, report.Deleted.Count(r => r.Type == "image"));
        Assert.Equal(3, report.Deleted.Count(r => r.Type == "snapshot"));
        Assert.Single(report.Deleted, r => r.Type == "ip");
        Assert.NotEmpty(report.RequestIds);
        Assert.Empty(await session.SweepAsync(drill, default));
        Assert.All(bed.Fake.Instances, i => Assert.Equal("terminated", i.State));
        Assert.Empty(bed.Fake.Volumes);
        Assert.Empty(bed.Fake.Snapshots);
        Assert.Empty(bed.Fake.Images);
        Assert.Empty(bed.Fake.NetworkInterfaces);
        Assert.Empty(bed.Fake.Addresses);
    }

    [Fact]
    public async Task FailingScript_ProbeFailsWithExitCode()
    {
        await using var bed = await AwsTestbed.StartAsync();
        bed.Fake.RunScript = (_, _) => (3, "inactive");
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        await using var session = bed.Open();
        var instance = await AwsTestbed.BootAsync(session, drill, "app-1", TestDisks.Sparse("root", 1L << 30, 1 << 20, 0));

        var attempt = await session.ProbeAsync(instance, new ProbeSpec("service", ProbeKind.Script, Script: "systemctl is-active shop"), default);

        Assert.False(attempt.Passed);
        Assert.Contains("exit 3", attempt.Detail);
        Assert.Contains("inactive", attempt.Detail);
        Assert.False(string.IsNullOrEmpty(attempt.RequestId));
    }
}
