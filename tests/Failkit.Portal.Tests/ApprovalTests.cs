using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The approval gate on the drill page: an operator decides with a comment, the runbook goes on, and the
/// decision is audited as the REST route audits it; an auditor sees the gate but no buttons.</summary>
public sealed class ApprovalTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task ApprovalGate_ApproveWithComment_DrillGoesOnAndTheDecisionIsAudited()
    {
        var group = await host.GroupAsync("gate", vms: 1, timeScale: 0.002);
        var id = await host.StartDrillAsync(group, requireApproval: true);
        await host.AtApprovalGateAsync(id);

        await using (var auditor = await PortalSession.OpenAsync(browser, host, "auditor"))
        {
            await auditor.GotoAsync($"/drills/{id}");
            await Assertions.Expect(auditor.Page.Locator("[data-test=approval-gate]")).ToBeVisibleAsync();
            await Assertions.Expect(auditor.Page.Locator("[data-test=approve]")).ToHaveCountAsync(0);
            await Assertions.Expect(auditor.Page.Locator("[data-test=cancel-drill]")).ToHaveCountAsync(0);
            auditor.AssertNoConsoleErrors();
        }

        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync($"/drills/{id}");
        await Assertions.Expect(tab.Page.Locator("[data-test=approval-gate]")).ToBeVisibleAsync();
        await tab.Page.Locator("[data-test=approval-comment] textarea, textarea[data-test=approval-comment]").FillAsync("change window CHG-42 approved");
        await tab.ShotAsync("drill-approval-gate");
        await tab.Page.Locator("[data-test=approve]").ClickAsync();

        await Assertions.Expect(tab.Page.Locator("[data-test=approval][data-decision=approved]")).ToContainTextAsync("CHG-42");
        // The gate goes once the worker has resumed the runbook: a queue hop, slow on a loaded machine.
        await Assertions.Expect(tab.Page.Locator("[data-test=approval-gate]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(tab.Page.Locator("[data-test=drill-status]")).ToHaveTextAsync(DrillStatus.Succeeded, new() { Timeout = 90_000 });
        var entry = Assert.Single(await host.AuditWrittenAsync(DrillEndpoints.DecisionKind("approved"), id.ToString()));
        Assert.Equal("user:operator@example.test", entry.Actor);
        Assert.Equal("127.0.0.1", entry.Source);
        Assert.Equal("change window CHG-42 approved", entry.Detail);
        Assert.Contains("\"decidedBy\":\"user:operator@example.test\"", entry.After, StringComparison.Ordinal);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ApprovalGate_CommentTooLong_ShowsTheErrorAndDecidesNothing()
    {
        var group = await host.GroupAsync("gate-long", vms: 1, timeScale: 0.002);
        var id = await host.StartDrillAsync(group, requireApproval: true);
        await host.AtApprovalGateAsync(id);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync($"/drills/{id}");
        // The field's MaxLength stops typing; the rule is the server's, so set the value past it as a script could.
        await tab.Page.Locator("[data-test=approval-comment] textarea, textarea[data-test=approval-comment]").EvaluateAsync(
            "(t, n) => { t.removeAttribute('maxlength'); t.value = 'x'.repeat(n); t.dispatchEvent(new Event('input', { bubbles: true })); }",
            ApprovalRequest.MaxComment + 1);
        await tab.Page.Locator("[data-test=reject]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("at most 2000 characters");
        Assert.Empty(await host.Get<DrillStore>().ApprovalsAsync(id, CancellationToken.None));
        Assert.True(await host.Get<DrillControl>().IsAwaitingApprovalAsync((await host.Get<DrillStore>().FindAsync(id, CancellationToken.None))!, CancellationToken.None));
        await host.Get<DrillControl>().CancelAsync((await host.Get<DrillStore>().FindAsync(id, CancellationToken.None))!, "test", CancellationToken.None);
        tab.AssertNoConsoleErrors();
    }
}
