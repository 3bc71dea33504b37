using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

/// <summary>The VMs were launched at the epoch and run from +45 s; their applications answer from +65 s (Sim's 20 s
/// app-ready delay). The step looks every 5 s, from +45 s.</summary>
public sealed class ProbeVmsTests(TenantFixture tenant)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset AppReady = DrillHarness.Epoch.AddSeconds(65);

    [Fact]
    public async Task ProbesFailUntilTheAppIsReady_ThenPass_RetriesCounted()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.BootedDrillAsync(await h.SimAccountAsync());

        var run = await h.RunAsync(drill.Id, Probe(attempts: 30));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        var probing = await h.VmStateAsync(drill.Id, "app");
        Assert.Equal(VmStatus.Probing, probing.Status);
        Assert.All(probing.Probes, p => Assert.False(p.Passed));
        Assert.Contains("the application gets ready", probing.Probes[0].Detail, StringComparison.Ordinal);

        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        Assert.Equal(["Passed"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        Assert.Equal(AppReady, h.Time.GetUtcNow());
        foreach (var vm in (await h.ReloadAsync(drill.Id)).Vms)
        {
            Assert.Equal(VmStatus.Green, vm.Status);
            Assert.Equal(AppReady, vm.Waterfall.ProbesGreenAt);
            // Looks at +45, +50, +55, +60 failed; the fifth, at +65, passed.
            Assert.All(vm.Probes, p => Assert.Equal((true, 5, AppReady), (p.Passed, p.Attempts, p.At)));
        }
    }

    [Fact]
    public async Task ProbeThatNeverPasses_FailsThatVmAfterTheAttemptLimit_TheOtherGoesGreen()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync(new JsonObject { ["failures"] = new JsonObject { ["probeNeverPasses"] = new JsonArray("app") } });
        var drill = await h.BootedDrillAsync(account);

        var run = await h.RunAsync(drill.Id, Probe(attempts: 6));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(5));

        Assert.Equal(["Failed"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        // Six looks: +45 ... +70.
        Assert.Equal(DrillHarness.Epoch.AddSeconds(70), h.Time.GetUtcNow());
        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Green, vms["db"].Status);
        Assert.Equal(AppReady, vms["db"].Waterfall.ProbesGreenAt);
        var app = vms["app"];
        Assert.Equal(VmStatus.Failed, app.Status);
        Assert.Null(app.Waterfall.ProbesGreenAt);
        Assert.StartsWith("probes failed after 6 attempts: web (SIMULATED HTTP probe 'web'", app.Error, StringComparison.Ordinal);
        Assert.Contains("ssh (SIMULATED TCP probe 'ssh'", app.Error, StringComparison.Ordinal);
        Assert.All(app.Probes, p => Assert.Equal((false, 6), (p.Passed, p.Attempts)));
    }

    [Fact]
    public async Task TimeoutBeforeTheAttemptLimit_Fails()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.BootedDrillAsync(await h.SimAccountAsync());

        var run = await h.RunAsync(drill.Id, Probe(attempts: 30, timeout: TimeSpan.FromSeconds(12)));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        Assert.Equal(["Failed"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        // +45, +50, +55 are inside the 12 s; the look at +60 is the last.
        Assert.Equal(DrillHarness.Epoch.AddSeconds(60), h.Time.GetUtcNow());
        Assert.All((await h.ReloadAsync(drill.Id)).Vms, v => Assert.StartsWith("probes failed after 4 attempts", v.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScriptProbe_RunsThroughRunCommand_AndKeepsItsRequestId_AVmWithoutProbesIsGreenOnceBooted()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.BootedDrillAsync(account,
            h.Vm("db", 1, new ProbeSpec("replication", ProbeKind.Script, Script: "pg_isready")), h.Vm("bastion", 1));
        var before = (await h.VmStateAsync(drill.Id, "db")).RequestIds;

        var run = await h.RunAsync(drill.Id, Probe(attempts: 30));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        Assert.Equal(["Passed"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        var vms = (await h.ReloadAsync(drill.Id)).Vms.ToDictionary(v => v.Name);
        Assert.Equal(VmStatus.Green, vms["bastion"].Status);
        Assert.Equal(DrillHarness.Epoch.AddSeconds(45), vms["bastion"].Waterfall.ProbesGreenAt);
        var db = vms["db"];
        Assert.Equal((true, 5), (db.Probes.Single().Passed, db.Probes.Single().Attempts));
        // One run-command per look, each with its request id.
        Assert.Equal(5, db.RequestIds.Except(before).Count());
        Assert.Equal(5, DrillHarness.CloudOf(account).CallCount(Failkit.Activities.Sim.SimOperations.RunCommand));
    }

    [Fact]
    public async Task ScriptProbeThrottledBeyondTheRetries_IsAFailedAttempt_NotAFault()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.BootedDrillAsync(account, h.Vm("db", 1, new ProbeSpec("replication", ProbeKind.Script, Script: "pg_isready")));
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await h.SqlAsync("""UPDATE drills.cloud_accounts SET settings = settings || '{"failures": {"throttleRate": {"db": 1}}}'::jsonb WHERE id = $1""", account.Id);

        var run = await h.DriveAsync(() => h.RunAsync(drill.Id, Probe(attempts: 30)), TimeSpan.FromMinutes(2));

        Assert.True(run.SubStatus == WorkflowSubStatus.Suspended, $"{run.SubStatus}: {string.Join("; ", run.Incidents.Select(i => i.Message))}");
        var probe = Assert.Single((await h.VmStateAsync(drill.Id, "db")).Probes);
        Assert.Equal((false, 1), (probe.Passed, probe.Attempts));
        Assert.Contains("RequestLimitExceeded", probe.Detail, StringComparison.Ordinal);

        await h.SqlAsync("UPDATE drills.cloud_accounts SET settings = settings - 'failures' WHERE id = $1", account.Id);
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(1));

        Assert.Equal(["Passed"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        Assert.Equal((true, 2), (Assert.Single((await h.VmStateAsync(drill.Id, "db")).Probes).Passed, Assert.Single((await h.VmStateAsync(drill.Id, "db")).Probes).Attempts));
    }

    private static JsonObject Probe(int attempts, TimeSpan? timeout = null) =>
        Step.Of("ProbeVms", ("attempts", "Int32", attempts), Step.Timeout(timeout ?? TimeSpan.FromMinutes(10)), Step.PollInterval(Poll));
}
