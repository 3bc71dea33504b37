using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

/// <summary>Decisions arrive as the API delivers them: through <see cref="DrillControl"/>, which records the approval and
/// queues the resume that the worker (here: the test's drain) runs.</summary>
public sealed class ApprovalGateTests(TenantFixture tenant)
{
    [Fact]
    public async Task NotRequired_ApprovesAtOnce_WithoutABookmark()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h);

        var run = await h.RunAsync(drill.Id, Step.Of("ApprovalGate", ("required", "Boolean", false)));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var step = await h.CompletedStepAsync(run.InstanceId);
        Assert.Equal(["Approved"], step.Outcomes);
        Assert.Equal("not required", DrillHarness.Output(step, "Decision")!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Required_WaitsOnTheDrillsApprovalBookmark_ApprovedByWhoAndWhen()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h);
        var run = await h.RunAsync(drill.Id, Step.Of("ApprovalGate"));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        var bookmark = Assert.Single(run.Bookmarks);
        Assert.Equal((DrillBookmarks.Approval, drill.Id.ToString(), (DateTimeOffset?)null), (bookmark.Name, bookmark.Hash, bookmark.ResumeAt));

        // An hour passes: nothing resumes a gate but a decision.
        run = await h.AdvanceAsync(run.InstanceId, TimeSpan.FromHours(1));
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        var approval = new Approval(Guid.NewGuid(), "approved", "alice@example.com", "go ahead", h.Time.GetUtcNow());
        Assert.True(await h.Get<DrillControl>().DecideAsync(await h.ReloadAsync(drill.Id), approval, CancellationToken.None));
        run = await h.DrainAsync(run.InstanceId);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var step = await h.CompletedStepAsync(run.InstanceId);
        Assert.Equal(["Approved"], step.Outcomes);
        var decision = DrillHarness.Output(step, "Decision")!;
        Assert.Equal(("approved", "alice@example.com", "go ahead"),
            (decision["decision"]!.GetValue<string>(), decision["decidedBy"]!.GetValue<string>(), decision["comment"]!.GetValue<string>()));
        Assert.Equal(DrillHarness.Epoch.AddHours(1), decision["decidedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(approval, Assert.Single(await h.Drills.ApprovalsAsync(drill.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Required_Rejected_TakesTheRejectedPort()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h);
        var run = await h.RunAsync(drill.Id, Step.Of("ApprovalGate"));

        Assert.True(await h.Get<DrillControl>().DecideAsync(await h.ReloadAsync(drill.Id),
            new Approval(Guid.NewGuid(), "rejected", "bob@example.com", "not during the freeze", h.Time.GetUtcNow()), CancellationToken.None));
        run = await h.DrainAsync(run.InstanceId);

        var step = await h.CompletedStepAsync(run.InstanceId);
        Assert.Equal(["Rejected"], step.Outcomes);
        Assert.Equal("bob@example.com", DrillHarness.Output(step, "Decision")!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelWhileWaiting_Rejects_ByCancel_AtTheClocksTime()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var drill = await DrillAsync(h);
        var run = await h.RunAsync(drill.Id, Step.Of("ApprovalGate"));
        h.Time.Advance(TimeSpan.FromMinutes(7));

        Assert.True(await h.Get<DrillControl>().CancelAsync(await h.ReloadAsync(drill.Id), "carol", CancellationToken.None));
        run = await h.DrainAsync(run.InstanceId);

        var step = await h.CompletedStepAsync(run.InstanceId);
        Assert.Equal(["Rejected"], step.Outcomes);
        var decision = DrillHarness.Output(step, "Decision")!.AsObject();
        Assert.Equal(("rejected", "cancel"), (decision["decision"]!.GetValue<string>(), decision["decidedBy"]!.GetValue<string>()));
        Assert.Equal(DrillHarness.Epoch.AddMinutes(7), decision["decidedAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty(await h.Drills.ApprovalsAsync(drill.Id, CancellationToken.None));
    }

    private static async Task<Drill> DrillAsync(DrillHarness h)
    {
        var account = await h.SimAccountAsync();
        return await h.DrillAsync(await h.GroupAsync(account.Id, [h.Vm("db")]), requireApproval: true);
    }
}
