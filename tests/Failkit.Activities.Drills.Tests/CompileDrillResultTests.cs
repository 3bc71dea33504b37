using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

/// <summary>A drill of db (wave 1) and app (wave 2) on Sim with a 10 min RTO target, requested at the epoch; each test
/// writes how far it got, then compiles.</summary>
public sealed class CompileDrillResultTests(TenantFixture tenant)
{
    [Fact]
    public async Task EveryVmPassed_SweptClean_Succeeded_LabelledSimulated_AndTheDrillEnds()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 10);
        await BothGreenAsync(h, drill);
        await SweptAsync(h, drill, new JsonArray());
        h.Time.Advance(TimeSpan.FromMinutes(10));

        var result = await CompileAsync(h, drill);

        Assert.Equal(DrillStatus.Succeeded, result["verdict"]!.GetValue<string>());
        Assert.Empty(result["reasons"]!.AsArray());
        Assert.True(result["simulated"]!.GetValue<bool>());
        Assert.Equal("SIMULATED", result["label"]!.GetValue<string>());
        Assert.Equal("Sim", result["cloud"]!["kind"]!.GetValue<string>());
        Assert.Equal((420.0, true), (result["planRto"]!["seconds"]!.GetValue<double>(), result["planRto"]!["met"]!.GetValue<bool>()));
        Assert.All(result["vms"]!.AsArray(), v => Assert.Equal(DrillMetrics.Passed, v!["verdict"]!.GetValue<string>()));
        Assert.Equal(DrillHarness.Epoch.AddMinutes(10), result["compiledAt"]!.GetValue<DateTimeOffset>());
        var ended = await h.ReloadAsync(drill.Id);
        Assert.Equal(DrillStatus.Succeeded, ended.Status);
        Assert.Equal(DrillHarness.Epoch.AddMinutes(10), ended.FinishedAt);
        Assert.True(JsonNode.DeepEquals(result, ended.Result), $"stored {ended.Result} vs output {result}");
    }

    [Fact]
    public async Task FailedVmAndALeftover_Failed_WithEveryReason()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 10);
        await h.WriteWaterfallAsync(drill.Id, "db", 0, 60, 120, 150, 200);
        await h.Drills.UpdateVmAsync(drill.Id, "app", new VmProgress(Status: VmStatus.Failed, Error: "probes failed after 30 attempts: web (refused)"),
            CancellationToken.None);
        await SweptAsync(h, drill, new JsonArray(new JsonObject { ["type"] = "disk", ["id"] = "vol-1", ["name"] = "app" }));

        var result = await CompileAsync(h, drill);

        Assert.Equal(DrillStatus.Failed, result["verdict"]!.GetValue<string>());
        Assert.Equal(
            ["app: probes failed after 30 attempts: web (refused)", "not every VM came up, so the plan has no RTO", "1 resources were left behind"],
            Reasons(result));
        Assert.Equal(DrillStatus.Failed, (await h.ReloadAsync(drill.Id)).Status);
    }

    [Fact]
    public async Task AllPassedButPlanOverTargetAndCleanupUnverified_Failed()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 5);
        await BothGreenAsync(h, drill);
        await h.Drills.SetCleanupAsync(drill.Id, new JsonObject { ["deleted"] = new JsonArray(), ["leftovers"] = null }, CancellationToken.None);

        var result = await CompileAsync(h, drill);

        Assert.Equal(DrillStatus.Failed, result["verdict"]!.GetValue<string>());
        Assert.Equal(["plan RTO 420s exceeds the target 300s", "cleanup was not verified"], Reasons(result));
    }

    [Fact]
    public async Task CancelledMidDrill_Cancelled_UnreachedVmsMarkedCancelled()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 10);
        await h.WriteWaterfallAsync(drill.Id, "db", 0, 60, 120, 150, 200);
        Assert.True(await h.Drills.RequestCancelAsync(drill.Id, "alice", CancellationToken.None));
        await SweptAsync(h, drill, new JsonArray());

        var result = await CompileAsync(h, drill);

        Assert.Equal(DrillStatus.Cancelled, result["verdict"]!.GetValue<string>());
        var app = await h.VmStateAsync(drill.Id, "app");
        Assert.Equal((VmStatus.Cancelled, "the drill was cancelled"), (app.Status, app.Error));
        Assert.Equal(VmStatus.Cancelled, Vm(result, "app")["verdict"]!.GetValue<string>());
        Assert.Equal(VmStatus.Green, (await h.VmStateAsync(drill.Id, "db")).Status);
        Assert.Equal(DrillStatus.Cancelled, (await h.ReloadAsync(drill.Id)).Status);
    }

    [Fact]
    public async Task RejectedByTheApprover_Cancelled_UnreachedVmsSkipped()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 10);
        await h.Drills.AddApprovalAsync(drill.Id, new Approval(Guid.NewGuid(), "rejected", "bob", null, h.Time.GetUtcNow()), CancellationToken.None);
        await SweptAsync(h, drill, new JsonArray());

        var result = await CompileAsync(h, drill);

        Assert.Equal(DrillStatus.Cancelled, result["verdict"]!.GetValue<string>());
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.Equal((VmStatus.Skipped, "the drill was rejected by its approver"), (v.Status, v.Error)));
        Assert.Equal("bob", Assert.Single(result["approvals"]!.AsArray())!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunbookEndedEarly_UnreachedVmsFailWithWhy_AndTheDrillFails()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 10);
        await h.WriteWaterfallAsync(drill.Id, "db", 0, 60, 120, 150, 200);
        await h.Drills.UpdateVmAsync(drill.Id, "app", new VmProgress(Status: VmStatus.Booting), CancellationToken.None);
        await SweptAsync(h, drill, new JsonArray());

        // The supervisor passes why the runbook ended as the cleanup runbook's workflow input.
        var result = await CompileAsync(h, drill, new Dictionary<string, object?> { [DrillSupervisor.FaultInput] = "boot faulted: disk quota" });

        Assert.Equal(DrillStatus.Failed, result["verdict"]!.GetValue<string>());
        var app = await h.VmStateAsync(drill.Id, "app");
        Assert.Equal((VmStatus.Failed, "the runbook ended early: boot faulted: disk quota"), (app.Status, app.Error));
        Assert.Contains("the runbook ended early: boot faulted: disk quota", Reasons(result));
    }

    [Fact]
    public async Task VmLeftMidWayWithoutAReason_FailsNamingWhereItStopped()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h, rtoMinutes: 10);
        await h.WriteWaterfallAsync(drill.Id, "db", 0, 60, 120, 150, 200);
        await h.Drills.UpdateVmAsync(drill.Id, "app", new VmProgress(Status: VmStatus.Booting), CancellationToken.None);
        await SweptAsync(h, drill, new JsonArray());

        var result = await CompileAsync(h, drill);

        Assert.Equal("app: the runbook ended with the VM booting", Reasons(result)[0]);
        Assert.Equal(DrillMetrics.Failed, Vm(result, "app")["verdict"]!.GetValue<string>());
    }

    private static async Task<Drill> DrillAsync(DrillHarness h, int rtoMinutes)
    {
        var account = await h.SimAccountAsync();
        return await h.DrillAsync(await h.GroupAsync(account.Id, [h.Vm("db"), h.Vm("app", wave: 2)], rtoMinutes: rtoMinutes));
    }

    private static async Task BothGreenAsync(DrillHarness h, Drill drill)
    {
        await h.WriteWaterfallAsync(drill.Id, "db", 0, 60, 120, 150, 200);
        await h.WriteWaterfallAsync(drill.Id, "app", 200, 230, 260, 300, 420);
    }

    private static Task SweptAsync(DrillHarness h, Drill drill, JsonArray leftovers) =>
        h.Drills.SetCleanupAsync(drill.Id, new JsonObject { ["deleted"] = new JsonArray(), ["failures"] = new JsonArray(), ["leftovers"] = leftovers },
            CancellationToken.None);

    private static async Task<JsonObject> CompileAsync(DrillHarness h, Drill drill, IDictionary<string, object?>? input = null)
    {
        var run = await h.RunAsync(drill.Id, Step.Of("CompileDrillResult"), input);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        return DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "DrillResult")!.AsObject();
    }

    private static List<string> Reasons(JsonObject result) => [.. result["reasons"]!.AsArray().Select(r => r!.GetValue<string>())];

    private static JsonObject Vm(JsonObject result, string name) =>
        result["vms"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == name)!.AsObject();
}
