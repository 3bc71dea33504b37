using System.Text.Json.Nodes;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

public sealed class CleanupTests(TenantFixture tenant)
{
    [Fact]
    public async Task TearsDownEverythingWithTheDrillsTag_AndRecordsIt_OtherDrillsUntouched()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.LaunchedDrillAsync(account);
        var other = await h.LaunchedDrillAsync(account, h.Vm("db"));
        h.Time.Advance(TimeSpan.FromMinutes(3));

        var run = await h.RunAsync(drill.Id, Step.Of("Cleanup"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var teardown = DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Teardown")!.AsObject();
        // Per VM: instance, NIC, IP and disk.
        Assert.Equal(8, teardown["deleted"]!.AsArray().Count);
        Assert.Equal(["disk", "instance", "ip", "nic"], teardown["deleted"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()).Distinct().Order());
        Assert.Empty(teardown["failures"]!.AsArray());
        Assert.NotEmpty(teardown["requestIds"]!.AsArray());
        var recorded = (await h.ReloadAsync(drill.Id)).Cleanup!;
        Assert.Equal(DrillHarness.Epoch.AddMinutes(3), recorded["tornDownAt"]!.GetValue<DateTimeOffset>());
        // Torn down is not yet proven clean: that is the sweep's to say.
        Assert.True(recorded.ContainsKey("leftovers"));
        Assert.Null(recorded["leftovers"]);

        var cloud = DrillHarness.CloudOf(account);
        var mine = DrillTags.ValueFor(drill.Id);
        Assert.All(cloud.Instances.Where(i => i.Tags[DrillTags.Key] == mine), i => Assert.True(i.Terminated));
        Assert.DoesNotContain(cloud.Resources, r => r.Tags[DrillTags.Key] == mine && r is not Failkit.Activities.Sim.SimInstance);
        var theirs = DrillTags.ValueFor(other.Id);
        Assert.False(Assert.Single(cloud.Instances, i => i.Tags[DrillTags.Key] == theirs).Terminated);
        Assert.Single(cloud.Disks, d => d.Tags[DrillTags.Key] == theirs);
    }

    [Fact]
    public async Task DiskTheCloudRefusesToDelete_IsAListedFailure_TheRestIsDeleted()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync(new JsonObject { ["failures"] = new JsonObject { ["leakDiskOnDelete"] = new JsonArray("db") } });
        var drill = await h.LaunchedDrillAsync(account);

        var run = await h.RunAsync(drill.Id, Step.Of("Cleanup"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var recorded = (await h.ReloadAsync(drill.Id)).Cleanup!;
        Assert.Equal(7, recorded["deleted"]!.AsArray().Count);
        var failure = Assert.Single(recorded["failures"]!.AsArray())!;
        Assert.Equal(("disk", "db"), (failure["resource"]!["type"]!.GetValue<string>(), failure["resource"]!["name"]!.GetValue<string>()));
        Assert.Contains("InjectedLeak", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(DrillHarness.CloudOf(account).Disks);
    }

    [Fact]
    public async Task ProviderThatThrows_IsRecordedAsTheTeardownError_TheStepStillCompletes()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.LaunchedDrillAsync(account);
        // The account was edited behind the running drill into settings the provider refuses to open.
        Assert.Equal(1, await h.SqlAsync("UPDATE drills.cloud_accounts SET settings = '{\"timeScale\": -1}'::jsonb WHERE id = $1", account.Id));

        var run = await h.RunAsync(drill.Id, Step.Of("Cleanup"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Empty(run.Incidents);
        var recorded = (await h.ReloadAsync(drill.Id)).Cleanup!;
        Assert.Equal("teardown failed: Sim setting 'timeScale' must be greater than 0.", recorded["error"]!.GetValue<string>());
        Assert.Empty(recorded["deleted"]!.AsArray());
        Assert.Equal(h.Time.GetUtcNow(), recorded["tornDownAt"]!.GetValue<DateTimeOffset>());
        Assert.All(DrillHarness.CloudOf(account).Instances, i => Assert.False(i.Terminated));
    }
}
