using System.Diagnostics;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure.Tests;

/// <summary>The failure paths of one VM: throttling, a lost response, a disk that will not go, a refusal.</summary>
public sealed class AzureSessionTests
{
    private const string VmType = "Microsoft.Compute/virtualMachines";

    [Fact]
    public async Task ThrottledBoot_RetriesWithBackoff_AndBootsOnce()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var disk = await HydrateAsync(session, drill, "web-1");
        rig.Fake.ThrottleNext("VirtualMachines_CreateOrUpdate", 2);

        var instance = await session.LaunchAsync(Launch(drill, "web-1", disk), default);

        Assert.Equal(3, rig.Fake.CallCount("VirtualMachines_CreateOrUpdate"));
        Assert.Equal(2, rig.Calls.ThrottledRetries);
        Assert.Equal(instance.Id, Assert.Single(rig.Fake.Resources(VmType)).Id, ignoreCase: true);
        Assert.Equal(InstancePhase.Running, (await session.GetStateAsync(instance, default)).Phase);
    }

    [Fact]
    public async Task ThrottledCall_WaitsTheServersRetryAfter()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        rig.Fake.ThrottleNext("Resources_List", 1, TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        Assert.Empty(await session.SweepAsync(DrillTags.ValueFor(Guid.NewGuid()), default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(10));
        Assert.Equal(1, rig.Calls.ThrottledRetries);
        Assert.Equal(2, rig.Fake.CallCount("Resources_List"));
    }

    [Fact]
    public async Task BootRetriedAfterLostResponse_ReturnsTheSameVm_NoDuplicate()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var disk = await HydrateAsync(session, drill, "app-1");
        rig.Fake.DropResponseOfNext("VirtualMachines_CreateOrUpdate");

        var crash = await Assert.ThrowsAsync<CloudOperationException>(() => session.LaunchAsync(Launch(drill, "app-1", disk), default));
        Assert.Equal("NoResponse", crash.ErrorCode);
        var created = Assert.Single(rig.Fake.Resources(VmType));

        var instance = await session.LaunchAsync(Launch(drill, "app-1", disk), default);

        Assert.Equal(created.Id, instance.Id, ignoreCase: true);
        Assert.Single(rig.Fake.Resources(VmType));
        Assert.Single(rig.Fake.Resources("Microsoft.Network/networkInterfaces"));
        Assert.Equal(2, rig.Fake.CallCount("VirtualMachines_CreateOrUpdate"));
    }

    [Fact]
    public async Task HydrateRetriedAfterLostResponse_KeepsOneDisk_AndDoesNotUploadOnceImported()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        rig.Fake.DropResponseOfNext("Disks_CreateOrUpdate");

        await Assert.ThrowsAsync<CloudOperationException>(() => HydrateAsync(session, drill, "db-1"));
        var disk = await HydrateAsync(session, drill, "db-1");
        var uploads = rig.Fake.CallCount("PageBlob_UploadPages");
        var again = await HydrateAsync(session, drill, "db-1");

        Assert.Equal(disk.Id, again.Id);
        Assert.Equal(disk.Id, Assert.Single(rig.Fake.Resources("Microsoft.Compute/disks")).Id, ignoreCase: true);
        Assert.Equal(uploads, rig.Fake.CallCount("PageBlob_UploadPages"));
    }

    [Fact]
    public async Task LeakedDisk_IsListedByTeardown_AndReturnedBySweep()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var other = DrillTags.ValueFor(Guid.NewGuid());
        var disk = await HydrateAsync(session, drill, "db-1");
        await session.LaunchAsync(Launch(drill, "db-1", disk), default);
        var ip = rig.Fake.Seed(AzureRig.ResourceGroup, "Microsoft.Network/publicIPAddresses", "pip-db-1", new Dictionary<string, string> { [DrillTags.Key] = drill });
        var untouched = rig.Fake.Seed(AzureRig.ResourceGroup, "Microsoft.Compute/snapshots", "snap-other", new Dictionary<string, string> { [DrillTags.Key] = other });
        rig.Fake.FailDeleteOf(disk.Id);

        var report = await session.TeardownAsync(drill, default);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(("disk", disk.Id), (failure.Resource.Type, failure.Resource.Id));
        Assert.Contains("ScopeLocked", failure.Error, StringComparison.Ordinal);
        Assert.Contains(report.Deleted, r => r.Type == "ip" && r.Id == ip.Id);
        var left = Assert.Single(await session.SweepAsync(drill, default));
        Assert.Equal(("disk", disk.Id), (left.Type, left.Id));
        Assert.Contains(rig.Fake.Resources(), r => r.Id == untouched.Id);
    }

    [Fact]
    public async Task StateFromAnotherSession_FindsThePrivateAddressThroughTheNic()
    {
        await using var rig = await AzureRig.StartAsync();
        rig.Fake.PrivateAddressFor = _ => "10.20.30.40";
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        CloudInstance launched;
        await using (var first = rig.Provider.Open(rig.Account))
        {
            launched = await first.LaunchAsync(Launch(drill, "web-1", await HydrateAsync(first, drill, "web-1")), default);
        }

        await using var second = rig.Provider.Open(rig.Account);
        var state = await second.GetStateAsync(launched with { PrivateAddress = null }, default);

        Assert.Equal("10.20.30.40", launched.PrivateAddress);
        Assert.Equal("10.20.30.40", state.PrivateAddress);
    }

    [Fact]
    public async Task CloudRefusal_BecomesCloudOperationException_WithCodeAndRequestId()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var missing = new CloudDisk($"/subscriptions/{rig.Fake.SubscriptionId}/resourceGroups/{AzureRig.ResourceGroup}/providers/Microsoft.Compute/disks/nope", "managed-disk", []);

        var ex = await Assert.ThrowsAsync<CloudOperationException>(() => session.LaunchAsync(Launch(drill, "web-1", missing), default));

        Assert.Equal("NotFound", ex.ErrorCode);
        Assert.NotNull(ex.RequestId);
        Assert.Equal(rig.Fake.LastRequestId("VirtualMachines_CreateOrUpdate"), ex.RequestId);
        Assert.Equal(0, rig.Calls.ThrottledRetries);
    }

    private static Task<CloudDisk> HydrateAsync(ICloudSession session, string drill, string vm) =>
        session.HydrateAsync(new HydrateRequest(drill, vm, $"{drill}/{vm}/disk0",
            AzureRig.Image("disk0", 3L << 20, 4096, AzureRig.Filled(4096, (2, 0x5A))), new Dictionary<string, string>()), default);

    private static LaunchRequest Launch(string drill, string vm, CloudDisk disk) =>
        new(drill, vm, $"{drill}/{vm}/vm", [disk], "Standard_D2s_v5", new Dictionary<string, string>());
}
