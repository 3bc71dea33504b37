using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

/// <summary>The Sim account boots every VM in 45 s of the fake clock; the step looks every 5 s.</summary>
public sealed class WaitForBootSignalTests(TenantFixture tenant)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StatusChecks_SignalAtTheSampledBoot_WaitingOnTimerBookmarks_WaterfallOnTheFakeClock()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());

        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(15)));

        // Waiting is the runtime's: the instance is parked on a timer, no thread sleeps.
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        Assert.Equal(DrillHarness.Epoch + Poll, Assert.Single(run.Bookmarks).ResumeAt);
        run = await h.AdvanceAsync(run.InstanceId, TimeSpan.FromSeconds(40));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.Equal(VmStatus.Booting, v.Status));

        run = await h.AdvanceAsync(run.InstanceId, Poll);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Done"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        foreach (var vm in (await h.ReloadAsync(drill.Id)).Vms)
        {
            Assert.Equal(VmStatus.Running, vm.Status);
            Assert.Equal(DrillHarness.Epoch.AddSeconds(45), vm.Waterfall.InstanceRunningAt);
            Assert.Equal(DrillHarness.Epoch.AddSeconds(45), vm.Waterfall.BootSignalAt);
            Assert.NotNull(vm.PrivateAddress);
        }
    }

    [Fact]
    public async Task BootMarkerOnTheConsole_IsTheSignal()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());

        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(15), ("bootMarker", "String", "Reached target Multi-User System")));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        Assert.Equal(DrillHarness.Epoch.AddSeconds(45), h.Time.GetUtcNow());
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.Equal(DrillHarness.Epoch.AddSeconds(45), v.Waterfall.BootSignalAt));
    }

    [Fact]
    public async Task SignalInstanceRunning_OverridesAMarkerThatNeverShows()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());

        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(2), ("bootMarker", "String", "login:"), ("signal", "BootSignal", "InstanceRunning")));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(5));

        Assert.Equal(DrillHarness.Epoch.AddSeconds(45), h.Time.GetUtcNow());
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.Equal(VmStatus.Running, v.Status));
    }

    [Fact]
    public async Task BootMarkerThatNeverShows_FailsAtTheTimeout_RunningButNoSignal()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());

        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(2), ("bootMarker", "String", "login:")));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(5));

        Assert.Equal(DrillHarness.Epoch.AddMinutes(2), h.Time.GetUtcNow());
        foreach (var vm in (await h.ReloadAsync(drill.Id)).Vms)
        {
            Assert.Equal(VmStatus.Failed, vm.Status);
            Assert.Equal("no boot signal before the timeout", vm.Error);
            // The instance ran from the first look that saw it running; the signal never came.
            Assert.Equal(DrillHarness.Epoch.AddSeconds(45), vm.Waterfall.InstanceRunningAt);
            Assert.Null(vm.Waterfall.BootSignalAt);
        }
    }

    [Fact]
    public async Task InstanceStillPendingAtTheTimeout_FailsWithTheReason()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync(new JsonObject { ["bootLatency"] = 600 }));

        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(1)));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(5));

        Assert.Equal(DrillHarness.Epoch.AddMinutes(1), h.Time.GetUtcNow());
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, vm =>
        {
            Assert.Equal(VmStatus.Failed, vm.Status);
            Assert.Equal("still pending at the timeout", vm.Error);
            Assert.Null(vm.Waterfall.InstanceRunningAt);
        });
    }

    [Fact]
    public async Task OneVmsBootFails_ThatVmFailsWithTheCloudsReason_TheOtherRuns()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync(new JsonObject { ["failures"] = new JsonObject { ["bootFailure"] = new JsonArray("db") } });
        var drill = await h.LaunchedDrillAsync(account);

        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(15)));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Failed, vms["db"].Status);
        Assert.StartsWith("instance failed: SIMULATED boot failure", vms["db"].Error, StringComparison.Ordinal);
        Assert.Equal(VmStatus.Running, vms["app"].Status);
        Assert.Equal(DrillHarness.Epoch.AddSeconds(45), vms["app"].Waterfall.BootSignalAt);
    }

    [Fact]
    public async Task StatusLookThrottledBeyondTheRetries_LooksAgainNextTime_NoFault()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.LaunchedDrillAsync(account);
        h.Time.Advance(TimeSpan.FromSeconds(45));
        // From now on every call about db is throttled, without a Retry-After: the retries' backoff runs out.
        await h.SqlAsync("""UPDATE drills.cloud_accounts SET settings = settings || '{"failures": {"throttleRate": {"db": 1}}}'::jsonb WHERE id = $1""", account.Id);

        var run = await h.DriveAsync(() => h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(15))), TimeSpan.FromMinutes(2));

        Assert.True(run.SubStatus == WorkflowSubStatus.Suspended, $"{run.SubStatus}: {string.Join("; ", run.Incidents.Select(i => i.Message))}");
        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Booting, vms["db"].Status);
        Assert.Equal(VmStatus.Running, vms["app"].Status);

        await h.SqlAsync("UPDATE drills.cloud_accounts SET settings = settings - 'failures' WHERE id = $1", account.Id);
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(1));

        Assert.Equal(VmStatus.Running, (await h.VmStateAsync(drill.Id, "db")).Status);
        Assert.Equal(h.Time.GetUtcNow(), (await h.VmStateAsync(drill.Id, "db")).Waterfall.BootSignalAt);
    }

    [Fact]
    public async Task StatusLookThrottledUntilTheTimeout_FailsThatVmAsUnknown_TheOtherRuns()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.LaunchedDrillAsync(account);
        h.Time.Advance(TimeSpan.FromSeconds(45));
        await h.SqlAsync("""UPDATE drills.cloud_accounts SET settings = settings || '{"failures": {"throttleRate": {"db": 1}}}'::jsonb WHERE id = $1""", account.Id);

        var run = await h.DriveAsync(() => h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(1))), TimeSpan.FromMinutes(2));
        for (var looks = 1; run.Status != WorkflowStatus.Finished; looks++)
        {
            Assert.True(looks < 10, "the step did not give up at its timeout");
            run = await h.DriveAsync(() => h.AdvanceAsync(run.InstanceId, Poll), TimeSpan.FromMinutes(2));
        }

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Failed, vms["db"].Status);
        Assert.StartsWith("state unknown at the timeout: SIMULATED RequestLimitExceeded", vms["db"].Error, StringComparison.Ordinal);
        Assert.Equal(VmStatus.Running, vms["app"].Status);
    }

    [Fact]
    public async Task CancelWhileWaiting_ResumesAtOnce_AndCancelsTheVms()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());
        var run = await h.RunAsync(drill.Id, Wait(TimeSpan.FromMinutes(15)));
        run = await h.AdvanceAsync(run.InstanceId, TimeSpan.FromSeconds(12));

        Assert.True(await h.Get<DrillControl>().CancelAsync(await h.ReloadAsync(drill.Id), "alice", CancellationToken.None));
        run = await h.DrainAsync(run.InstanceId);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(DrillHarness.Epoch.AddSeconds(12), h.Time.GetUtcNow());
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.Equal(VmStatus.Cancelled, v.Status));
    }

    private static JsonObject Wait(TimeSpan timeout, params (string, string, object?)[] inputs) =>
        Step.Of("WaitForBootSignal", [Step.Timeout(timeout), Step.PollInterval(Poll), .. inputs]);
}
