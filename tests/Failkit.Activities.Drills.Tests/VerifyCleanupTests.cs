using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

/// <summary>The step sweeps every 5 s and gives up on a non-empty or failing sweep after 30 s (its default timeout).</summary>
public sealed class VerifyCleanupTests(TenantFixture tenant)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task NothingLeftAfterCleanup_Clean_WithAnEmptyListBesideTheTeardown()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());
        await h.PrepareAsync(drill.Id, Step.Named("cleanup", "Cleanup"));

        var run = await h.RunAsync(drill.Id, Verify());

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Clean"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        var cleanup = (await h.ReloadAsync(drill.Id)).Cleanup!;
        Assert.Empty(cleanup["leftovers"]!.AsArray());
        Assert.Null(cleanup["sweepError"]);
        Assert.Equal(DrillHarness.Epoch, cleanup["sweptAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(8, cleanup["deleted"]!.AsArray().Count);
    }

    [Fact]
    public async Task DeletesThatLandWhileItWaits_Clean_NotLeftovers()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await h.LaunchedDrillAsync(await h.SimAccountAsync());
        var run = await h.RunAsync(drill.Id, Verify());
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);

        run = await h.AdvanceAsync(run.InstanceId, TimeSpan.FromSeconds(10));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        await h.PrepareAsync(drill.Id, Step.Named("cleanup", "Cleanup"));
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(1));

        Assert.Equal(["Clean"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        Assert.Equal(DrillHarness.Epoch.AddSeconds(15), (await h.ReloadAsync(drill.Id)).Cleanup!["sweptAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task LeakedDisk_IsListedAsLeftoverAtTheTimeout()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync(new JsonObject { ["failures"] = new JsonObject { ["leakDiskOnDelete"] = new JsonArray("db") } });
        var drill = await h.LaunchedDrillAsync(account);
        await h.PrepareAsync(drill.Id, Step.Named("cleanup", "Cleanup"));

        var run = await h.RunAsync(drill.Id, Verify());
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        Assert.Equal(["Leftovers"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        Assert.Equal(DrillHarness.Epoch.AddSeconds(30), h.Time.GetUtcNow());
        var leftover = Assert.Single((await h.ReloadAsync(drill.Id)).Cleanup!["leftovers"]!.AsArray())!;
        var disk = Assert.Single(DrillHarness.CloudOf(account).Disks);
        Assert.Equal(("disk", disk.Id, "db"), (leftover["type"]!.GetValue<string>(), leftover["id"]!.GetValue<string>(), leftover["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SweepThatCannotRun_LeavesLeftoversUnknown_NotEmpty()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.LaunchedDrillAsync(account);
        await h.PrepareAsync(drill.Id, Step.Named("cleanup", "Cleanup"));
        Assert.Equal(1, await h.SqlAsync("UPDATE drills.cloud_accounts SET settings = '{\"timeScale\": -1}'::jsonb WHERE id = $1", account.Id));

        var run = await h.RunAsync(drill.Id, Verify());
        run = await h.RunToEndAsync(run, Poll, TimeSpan.FromMinutes(2));

        Assert.Equal(["Leftovers"], (await h.CompletedStepAsync(run.InstanceId)).Outcomes);
        var cleanup = (await h.ReloadAsync(drill.Id)).Cleanup!;
        Assert.True(cleanup.ContainsKey("leftovers"));
        Assert.Null(cleanup["leftovers"]);
        Assert.Equal("the sweep could not run: Sim setting 'timeScale' must be greater than 0.", cleanup["sweepError"]!.GetValue<string>());
        Assert.Equal(8, cleanup["deleted"]!.AsArray().Count);
    }

    private static JsonObject Verify() => Step.Of("VerifyCleanup", Step.PollInterval(Poll));
}
