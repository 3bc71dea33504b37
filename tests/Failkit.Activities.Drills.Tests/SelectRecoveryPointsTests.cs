using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

public sealed class SelectRecoveryPointsTests(TenantFixture tenant)
{
    [Fact]
    public async Task NoTimeGiven_ChoosesEachDisksLatestPoint()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app", wave: 2)]);
        foreach (var vm in new[] { "db", "app" })
        {
            await h.RecordPointAsync(h.DiskOf(vm), h.Time.GetUtcNow().AddHours(-2));
            await h.RecordPointAsync(h.DiskOf(vm), h.Time.GetUtcNow().AddMinutes(-10), rpoObservedSeconds: 4);
        }

        var drill = await h.DrillAsync(group);
        var run = await h.RunAsync(drill.Id, Step.Of("SelectRecoveryPoints"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(2, DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Selected")!.GetValue<int>());
        foreach (var vm in (await h.ReloadAsync(drill.Id)).Vms)
        {
            var point = Assert.Single(vm.RecoveryPoints!);
            Assert.Equal(h.DiskOf(vm.Name), point.Disk);
            Assert.Equal(DrillHarness.Epoch.AddMinutes(-10), point.PointTime);
            Assert.Equal(4, point.RpoObservedSeconds);
            Assert.Equal(VmStatus.Pending, vm.Status);
        }
    }

    [Fact]
    public async Task DrillRecoveryPointBefore_ChoosesTheLatestPointAtOrBeforeIt_TheRansomwareCase()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db")]);
        var infected = DrillHarness.Epoch.AddHours(-1);
        await h.RecordPointAsync(h.DiskOf("db"), infected.AddHours(-3));
        await h.RecordPointAsync(h.DiskOf("db"), infected.AddHours(-2));
        await h.RecordPointAsync(h.DiskOf("db"), infected);
        await h.RecordPointAsync(h.DiskOf("db"), infected.AddMinutes(30));

        var drill = await h.DrillAsync(group, recoveryPointBefore: infected.AddSeconds(-1));
        await h.RunAsync(drill.Id, Step.Of("SelectRecoveryPoints"));

        Assert.Equal(infected.AddHours(-2), Assert.Single((await h.VmStateAsync(drill.Id, "db")).RecoveryPoints!).PointTime);
    }

    [Fact]
    public async Task BeforeInput_WinsOverTheDrills_AndAPointExactlyAtItCounts()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db")]);
        var cut = DrillHarness.Epoch.AddHours(-5);
        await h.RecordPointAsync(h.DiskOf("db"), cut.AddHours(-1));
        await h.RecordPointAsync(h.DiskOf("db"), cut);
        await h.RecordPointAsync(h.DiskOf("db"), DrillHarness.Epoch.AddMinutes(-5));

        var drill = await h.DrillAsync(group, recoveryPointBefore: DrillHarness.Epoch.AddMinutes(-1));
        await h.RunAsync(drill.Id, Step.Of("SelectRecoveryPoints", ("before", "DateTimeOffset", cut.ToString("O"))));

        Assert.Equal(cut, Assert.Single((await h.VmStateAsync(drill.Id, "db")).RecoveryPoints!).PointTime);
    }

    [Fact]
    public async Task DiskWithoutAPointBeforeTheTime_FailsThatVm_AndSelectsTheOthers()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app"), h.Vm("web")]);
        var before = DrillHarness.Epoch.AddHours(-1);
        await h.RecordPointAsync(h.DiskOf("db"), before.AddMinutes(-5));
        // app's only point is after the time asked for; web has none at all.
        await h.RecordPointAsync(h.DiskOf("app"), before.AddMinutes(5));

        var drill = await h.DrillAsync(group, recoveryPointBefore: before);
        var run = await h.RunAsync(drill.Id, Step.Of("SelectRecoveryPoints"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(1, DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Selected")!.GetValue<int>());
        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Pending, vms["db"].Status);
        foreach (var name in new[] { "app", "web" })
        {
            Assert.Equal(VmStatus.Failed, vms[name].Status);
            Assert.Equal($"no recovery point for disk {h.DiskOf(name)}", vms[name].Error);
            Assert.Empty(vms[name].RecoveryPoints!);
        }
    }

    [Fact]
    public async Task WaveInput_SelectsOnlyThatWave()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db", wave: 1), h.Vm("app", wave: 2)]);
        await h.RecordPointsAsync(group, TimeSpan.FromMinutes(5));

        var drill = await h.DrillAsync(group);
        await h.RunAsync(drill.Id, Step.Of("SelectRecoveryPoints", Step.Wave(2)));

        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Null(vms["db"].RecoveryPoints);
        Assert.Single(vms["app"].RecoveryPoints!);
    }
}
