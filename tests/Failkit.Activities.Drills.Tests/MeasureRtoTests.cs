using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;

namespace Failkit.Activities.Drills.Tests;

/// <summary>Waterfalls written with known stamps (seconds after the drill was requested at the epoch):
/// db (wave 1) 0 → 60 → 120 → 150 → 200, app (wave 2) 200 → 230 → 260 → 300 → 420.</summary>
public sealed class MeasureRtoTests(TenantFixture tenant)
{
    [Fact]
    public async Task Waterfall_SegmentsAndTotals_AgainstTheTarget()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await KnownWaterfallsAsync(h, rtoMinutes: 10);

        var rto = await MeasureAsync(h, drill);

        Assert.Equal(600, rto["targetSeconds"]!.GetValue<int>());
        Assert.Equal(420, rto["planSeconds"]!.GetValue<double>());
        Assert.True(rto["met"]!.GetValue<bool>());
        var db = Vm(rto, "db");
        Assert.Equal((60.0, 60.0, 30.0, 50.0, 200.0), (Seconds(db, "hydrateSeconds"), Seconds(db, "launchSeconds"), Seconds(db, "bootSeconds"),
            Seconds(db, "appSeconds"), Seconds(db, "rtoSeconds")));
        Assert.Equal(1, db["wave"]!.GetValue<int>());
        Assert.True(db["met"]!.GetValue<bool>());
        var app = Vm(rto, "app");
        Assert.Equal((30.0, 30.0, 40.0, 120.0, 220.0), (Seconds(app, "hydrateSeconds"), Seconds(app, "launchSeconds"), Seconds(app, "bootSeconds"),
            Seconds(app, "appSeconds"), Seconds(app, "rtoSeconds")));
    }

    [Fact]
    public async Task EveryVmWithinTheTarget_ButThePlanIsNot_PlanMissed()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await KnownWaterfallsAsync(h, rtoMinutes: 5);

        var rto = await MeasureAsync(h, drill);

        // 200 s and 220 s each fit in 300 s; the waves one after the other take 420 s.
        Assert.True(Vm(rto, "db")["met"]!.GetValue<bool>());
        Assert.True(Vm(rto, "app")["met"]!.GetValue<bool>());
        Assert.Equal(420, rto["planSeconds"]!.GetValue<double>());
        Assert.False(rto["met"]!.GetValue<bool>());
    }

    [Fact]
    public async Task VmThatNeverWentGreen_HasNoRto_AndThePlanHasNone()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await KnownWaterfallsAsync(h, rtoMinutes: 10, appGreen: false);

        var rto = await MeasureAsync(h, drill);

        var app = Vm(rto, "app");
        Assert.Null(app["rtoSeconds"]);
        Assert.Null(app["appSeconds"]);
        Assert.Null(app["met"]);
        Assert.Equal(40, Seconds(app, "bootSeconds"));
        Assert.Null(rto["planSeconds"]);
        Assert.False(rto["met"]!.GetValue<bool>());
    }

    [Fact]
    public async Task WaveInput_ListsThatWave_PlanStillCoversTheDrill()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await KnownWaterfallsAsync(h, rtoMinutes: 10);

        var rto = await MeasureAsync(h, drill, wave: 1);

        Assert.Equal(["db"], rto["vms"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(420, rto["planSeconds"]!.GetValue<double>());
    }

    private static async Task<Drill> KnownWaterfallsAsync(DrillHarness h, int rtoMinutes, bool appGreen = true)
    {
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app", wave: 2)], rtoMinutes: rtoMinutes);
        var drill = await h.DrillAsync(group);
        await h.WriteWaterfallAsync(drill.Id, "db", 0, 60, 120, 150, 200);
        await h.WriteWaterfallAsync(drill.Id, "app", 200, 230, 260, 300, appGreen ? 420 : null);
        return drill;
    }

    private static async Task<JsonObject> MeasureAsync(DrillHarness h, Drill drill, int wave = 0)
    {
        var run = await h.RunAsync(drill.Id, Step.Of("MeasureRto", Step.Wave(wave)));
        Assert.Equal(["Done"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        return DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Rto")!.AsObject();
    }

    private static JsonObject Vm(JsonObject rto, string name) => rto["vms"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == name)!.AsObject();

    private static double? Seconds(JsonObject vm, string key) => vm[key]?.GetValue<double>();
}
