using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;

namespace Failkit.Activities.Drills.Tests;

/// <summary>The drill was requested at the epoch. db's one disk has a point 10 min old (the agent saw it trail the last
/// write by 12.5 s); app has two disks, with points 5 and 50 min old (the agent reported no lag).</summary>
public sealed class MeasureRpoTests(TenantFixture tenant)
{
    [Fact]
    public async Task PointAgeAtDrillStart_TheOldestDiskCounts_AgainstTheTarget()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await KnownPointsAsync(h, rpoMinutes: 60);

        var rpo = await MeasureAsync(h, drill);

        Assert.Equal(3600, rpo["targetSeconds"]!.GetValue<int>());
        Assert.Equal(3000, rpo["worstSeconds"]!.GetValue<double>());
        Assert.True(rpo["met"]!.GetValue<bool>());
        var db = Vm(rpo, "db");
        Assert.Equal(600, db["rpoSeconds"]!.GetValue<double>());
        Assert.Equal(12.5, db["vsLastWriteSeconds"]!.GetValue<double>());
        Assert.Equal(DrillHarness.Epoch.AddMinutes(-10), db["pointTime"]!.GetValue<DateTimeOffset>());
        Assert.True(db["met"]!.GetValue<bool>());
        var app = Vm(rpo, "app");
        Assert.Equal(3000, app["rpoSeconds"]!.GetValue<double>());
        Assert.Equal(DrillHarness.Epoch.AddMinutes(-50), app["pointTime"]!.GetValue<DateTimeOffset>());
        Assert.Null(app["vsLastWriteSeconds"]);
    }

    [Fact]
    public async Task OneVmOverTheTarget_MissesIt_AndTheWorstIsThatVm()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await KnownPointsAsync(h, rpoMinutes: 30);

        var rpo = await MeasureAsync(h, drill);

        Assert.True(Vm(rpo, "db")["met"]!.GetValue<bool>());
        Assert.False(Vm(rpo, "app")["met"]!.GetValue<bool>());
        Assert.Equal(3000, rpo["worstSeconds"]!.GetValue<double>());
        Assert.False(rpo["met"]!.GetValue<bool>());
    }

    [Fact]
    public async Task VmWithoutAChosenPoint_HasNoRpo_NothingMeasured_NotMet()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.DrillAsync(await h.GroupAsync(account.Id, [h.Vm("db")]));

        var rpo = await MeasureAsync(h, drill);

        Assert.Null(Vm(rpo, "db")["rpoSeconds"]);
        Assert.Null(Vm(rpo, "db")["met"]);
        Assert.Null(rpo["worstSeconds"]);
        Assert.False(rpo["met"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PointsChosenBySelectRecoveryPoints_AreMeasuredFromTheDrillStart()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db")], rpoMinutes: 15);
        await h.RecordPointAsync(h.DiskOf("db"), DrillHarness.Epoch.AddMinutes(-20));
        var drill = await h.DrillAsync(group);
        await h.PrepareAsync(drill.Id, Step.Named("select", "SelectRecoveryPoints"));
        // Measuring later (after the boot) does not age the point: RPO is what a failover at drill start would lose.
        h.Time.Advance(TimeSpan.FromMinutes(30));

        var rpo = await MeasureAsync(h, drill);

        Assert.Equal(1200, Vm(rpo, "db")["rpoSeconds"]!.GetValue<double>());
        Assert.False(rpo["met"]!.GetValue<bool>());
    }

    private static async Task<Drill> KnownPointsAsync(DrillHarness h, int rpoMinutes)
    {
        var account = await h.SimAccountAsync();
        var app = new ProtectedVm("app", 2, "small", [new VmDisk(h.DiskOf("app-os"), 8L << 30), new VmDisk(h.DiskOf("app-data"), 8L << 30)], []);
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), app], rpoMinutes: rpoMinutes);
        var drill = await h.DrillAsync(group);
        await Choose(h, drill.Id, "db", (h.DiskOf("db"), 10, 12.5));
        await Choose(h, drill.Id, "app", (h.DiskOf("app-os"), 5, null), (h.DiskOf("app-data"), 50, null));
        return drill;
    }

    private static Task Choose(DrillHarness h, Guid drillId, string vm, params (string Disk, int AgeMinutes, double? Lag)[] points) =>
        h.Drills.UpdateVmAsync(drillId, vm, new VmProgress(RecoveryPoints: points.Select(p =>
            new ChosenPoint(p.Disk, Guid.NewGuid(), $"p-{p.AgeMinutes}", DrillHarness.Epoch.AddMinutes(-p.AgeMinutes), p.Lag)).ToList()), CancellationToken.None);

    private static async Task<JsonObject> MeasureAsync(DrillHarness h, Drill drill)
    {
        var run = await h.RunAsync(drill.Id, Step.Of("MeasureRpo"));
        return DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Rpo")!.AsObject();
    }

    private static JsonObject Vm(JsonObject rpo, string name) => rpo["vms"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == name)!.AsObject();
}
