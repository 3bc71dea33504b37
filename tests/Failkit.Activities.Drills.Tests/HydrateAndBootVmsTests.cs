using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

public sealed class HydrateAndBootVmsTests(TenantFixture tenant)
{
    [Fact]
    public async Task Wave_LaunchesEachVmFromItsPoint_TaggedWithTheDrill_AndLeavesOtherWavesAlone()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("cache"), h.Vm("app", wave: 2)]);
        await h.RecordPointsAsync(group, TimeSpan.FromMinutes(5));
        var drill = await h.DrillAsync(group);
        await h.PrepareAsync(drill.Id, Step.Named("select", "SelectRecoveryPoints"));

        var run = await h.RunAsync(drill.Id, Step.Of("HydrateAndBootVms", Step.Wave(1)));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(2, DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Launched")!.GetValue<int>());
        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        var cloud = DrillHarness.CloudOf(account);
        foreach (var name in new[] { "db", "cache" })
        {
            var vm = vms[name];
            Assert.Equal(VmStatus.Booting, vm.Status);
            var instance = Assert.Single(cloud.Instances, i => i.Id == vm.InstanceId);
            Assert.Equal(DrillTags.ValueFor(drill.Id), instance.Tags[DrillTags.Key]);
            Assert.Equal(name, instance.Tags[DrillTags.VmKey]);
            Assert.Equal("activity-tests", instance.Tags["owner"]);
            Assert.Equal("sim.small", instance.InstanceType);
            Assert.Equal(vm.PrivateAddress, instance.PrivateAddress);
            // Hydration takes no simulated time here, so both stamps are the fake clock's now.
            Assert.Equal(DrillHarness.Epoch, vm.Waterfall.RequestedAt);
            Assert.Equal(DrillHarness.Epoch, vm.Waterfall.DiskReadyAt);
            Assert.Null(vm.Waterfall.InstanceRunningAt);
            Assert.True(vm.RequestIds.Count >= 3, $"create disk, complete disk and run instances each have a request id: {string.Join(", ", vm.RequestIds)}");
        }

        Assert.Equal(VmStatus.Pending, vms["app"].Status);
        Assert.Null(vms["app"].InstanceId);
        Assert.Equal(2, cloud.Instances.Count);
        Assert.Equal(2, cloud.Disks.Count);
    }

    [Fact]
    public async Task RerunAfterACrashBeforeTheInstanceWasRecorded_FindsTheSameInstance_NoSecondVm()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app")]);
        await h.RecordPointsAsync(group, TimeSpan.FromMinutes(5));
        var drill = await h.DrillAsync(group);
        await h.PrepareAsync(drill.Id, Step.Named("select", "SelectRecoveryPoints"));
        await h.RunAsync(drill.Id, Step.Of("HydrateAndBootVms"));
        var first = await h.VmStateAsync(drill.Id, "db");

        // The process died after the cloud launched db but before its instance id was written.
        Assert.Equal(1, await h.SqlAsync("UPDATE drills.drill_vms SET instance_id = NULL, private_address = NULL WHERE drill_id = $1 AND name = 'db'", drill.Id));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var rerun = await h.RunAsync(drill.Id, Step.Of("HydrateAndBootVms"));

        Assert.Equal(1, DrillHarness.Output(await h.CompletedStepAsync(rerun.InstanceId), "Launched")!.GetValue<int>());
        var again = await h.VmStateAsync(drill.Id, "db");
        Assert.Equal(first.InstanceId, again.InstanceId);
        // The waterfall keeps the first attempt's stamps: a rerun does not move RTO.
        Assert.Equal(first.Waterfall, again.Waterfall);
        var cloud = DrillHarness.CloudOf(account);
        Assert.Equal(2, cloud.Instances.Count);
        Assert.Equal(2, cloud.Disks.Count);
        Assert.Single(cloud.Instances, i => i.VmName == "db");

        // With nothing lost, a rerun has nothing to do.
        var idle = await h.RunAsync(drill.Id, Step.Of("HydrateAndBootVms"));
        Assert.Equal(0, DrillHarness.Output(await h.CompletedStepAsync(idle.InstanceId), "Launched")!.GetValue<int>());
        Assert.Equal(2, cloud.Instances.Count);
    }

    [Fact]
    public async Task OneVmRefusedByTheCloud_FailsThatVmWithTheRequestId_AndTheOthersLaunch()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        // The account may run one instance: whichever VM launches second and third hits the quota.
        var account = await h.SimAccountAsync(new JsonObject { ["quotas"] = new JsonObject { ["maxInstances"] = 1 } });
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app"), h.Vm("web")]);
        await h.RecordPointsAsync(group, TimeSpan.FromMinutes(5));
        var drill = await h.DrillAsync(group);
        await h.PrepareAsync(drill.Id, Step.Named("select", "SelectRecoveryPoints"));

        var run = await h.RunAsync(drill.Id, Step.Of("HydrateAndBootVms"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(1, DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Launched")!.GetValue<int>());
        var vms = (await h.ReloadAsync(drill.Id)).Vms;
        var launched = Assert.Single(vms, v => v.Status == VmStatus.Booting);
        Assert.NotNull(launched.InstanceId);
        var failed = vms.Where(v => v.Status == VmStatus.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, v =>
        {
            Assert.StartsWith("boot failed: ", v.Error, StringComparison.Ordinal);
            Assert.Contains("InstanceLimitExceeded", v.Error, StringComparison.Ordinal);
            Assert.Null(v.InstanceId);
            // The refused call's request id (the cloud names it in its message) is kept for the evidence.
            var refused = System.Text.RegularExpressions.Regex.Match(v.Error!, @"\(request (sim-[0-9a-f]+)\)").Groups[1].Value;
            Assert.Contains(refused, v.RequestIds);
        });
        Assert.Single(DrillHarness.CloudOf(account).Instances);
    }

    [Fact]
    public async Task CancelRequested_MarksTheVmsCancelled_AndTouchesNoCloud()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app")]);
        await h.RecordPointsAsync(group, TimeSpan.FromMinutes(5));
        var drill = await h.DrillAsync(group);
        await h.PrepareAsync(drill.Id, Step.Named("select", "SelectRecoveryPoints"));
        Assert.True(await h.Drills.RequestCancelAsync(drill.Id, "alice", CancellationToken.None));

        var run = await h.RunAsync(drill.Id, Step.Of("HydrateAndBootVms"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.Equal(VmStatus.Cancelled, v.Status));
        Assert.Null(Failkit.Activities.Sim.SimCloud.Find(account.Id));
    }
}
