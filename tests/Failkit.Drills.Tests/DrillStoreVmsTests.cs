using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

/// <summary>The batched VM progress write the wave steps use: each VM gets its own progress, in one commit.</summary>
public sealed class DrillStoreVmsTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    private DrillPlane Plane => fixture.Plane;

    [Fact]
    public async Task UpdateVms_ManyVms_EachGetsItsOwnProgressAndFirstTimestampsStay()
    {
        var account = await Plane.SimAccountAsync();
        var group = await Plane.GroupAsync(account.Id, [("db-1", 1), ("app-1", 1), ("app-2", 1)]);
        var store = Plane.Get<DrillStore>();
        var id = Guid.CreateVersion7();
        var t0 = DateTimeOffset.UtcNow;
        await store.CreateAsync(new Drill(id, group.Id, DrillStatus.Running, true, new DrillInitiator("user", "test"), "drill-runbook", 1, null, false, 3600, 3600,
            null, null, t0, null, null, null, null, null,
            [.. group.Vms.Select(v => new DrillVm(v.Name, v.Wave, VmStatus.Pending, null, null, null, [], new Waterfall(null, null, null, null, null), [], null))]),
            CancellationToken.None);

        await store.UpdateVmsAsync(id, [
            ("db-1", new VmProgress(Status: VmStatus.Running, InstanceId: "i-db", BootSignalAt: t0.AddSeconds(1), RequestIds: ["r-1"])),
            ("app-1", new VmProgress(Status: VmStatus.Failed, Error: "boot failed: SIMULATED")),
        ], CancellationToken.None);
        await store.UpdateVmsAsync(id, [
            ("db-1", new VmProgress(Status: VmStatus.Green, BootSignalAt: t0.AddSeconds(5), RequestIds: ["r-2"])),
        ], CancellationToken.None);
        await store.UpdateVmsAsync(id, [], CancellationToken.None);

        var vms = (await store.FindAsync(id, CancellationToken.None))!.Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Green, vms["db-1"].Status);
        Assert.Equal("i-db", vms["db-1"].InstanceId);
        Assert.Equal(t0.AddSeconds(1).ToUnixTimeMilliseconds(), vms["db-1"].Waterfall.BootSignalAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(["r-1", "r-2"], vms["db-1"].RequestIds.Order());
        Assert.Equal(VmStatus.Failed, vms["app-1"].Status);
        Assert.Equal("boot failed: SIMULATED", vms["app-1"].Error);
        Assert.Null(vms["app-1"].InstanceId);
        Assert.Equal(VmStatus.Pending, vms["app-2"].Status);
        Assert.Null(vms["app-2"].Error);
    }
}
