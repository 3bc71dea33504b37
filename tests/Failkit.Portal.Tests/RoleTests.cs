using Failkit.Drills;
using Failkit.Identity.Users;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>An auditor reads everything and sees no action button; the role is shown in the app bar. A page's action
/// asks the user store again, so a user demoted or deactivated while their tab is open is refused.</summary>
public sealed class RoleTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Auditor_SeesNoActionButtons()
    {
        var group = await host.GroupAsync("audited", vms: 1, timeScale: 0.002);
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/");
        await Assertions.Expect(tab.Page.Locator("tr", new() { HasText = group.Name })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=role]")).ToHaveTextAsync("auditor");
        await Assertions.Expect(tab.Page.Locator("[data-test=start-drill]")).ToHaveCountAsync(0);
        await tab.ShotAsync("dashboard-auditor");

        var drill = await host.FinishedDrillAsync(group);
        await tab.GotoAsync($"/drills/{drill.Id}");
        await Assertions.Expect(tab.Page.Locator("[data-test=waterfall]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=cancel-drill]")).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Operator_SeesTheStartButton()
    {
        var group = await host.GroupAsync("operated", vms: 1, timeScale: 0.002);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync("/");
        await Assertions.Expect(tab.Page.Locator("tr", new() { HasText = group.Name }).Locator("[data-test=start-drill]")).ToBeVisibleAsync();
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task DemotedOrDeactivated_WhileTheTabIsOpen_TheNextActionIsRefused()
    {
        var group = await host.GroupAsync("demoted", vms: 1, timeScale: 0.002);
        var id = await host.StartDrillAsync(group, requireApproval: true);
        await host.AtApprovalGateAsync(id);
        var email = await host.UserWithPasswordAsync("operator");
        var users = host.Get<UserStore>();
        var user = (await users.FindByEmailAsync(email, CancellationToken.None))!;
        await using var tab = await PortalSession.OpenAsUserAsync(browser, host, email);
        await tab.GotoAsync($"/drills/{id}");
        await Assertions.Expect(tab.Page.Locator("[data-test=approve]")).ToBeVisibleAsync();

        // The open circuit still shows the operator's buttons; the handler asks the store and refuses.
        Assert.True(await users.UpdateAsync(user.Id, "auditor", null, CancellationToken.None));
        await tab.Page.Locator("[data-test=approve]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=approval-message]")).ToContainTextAsync("Your role (auditor) may not do this");
        Assert.True(await host.Get<DrillControl>().IsAwaitingApprovalAsync((await host.Get<DrillStore>().FindAsync(id, CancellationToken.None))!, CancellationToken.None));

        Assert.True(await users.UpdateAsync(user.Id, "operator", UserStatus.Disabled, CancellationToken.None));
        await ConfirmationDialog.AnswerAsync(tab.Page, tab.Page.Locator("[data-test=cancel-drill]"), "Cancel drill");
        await Assertions.Expect(tab.Page.Locator(".mud-snackbar")).ToContainTextAsync("no longer active");
        var drill = (await host.Get<DrillStore>().FindAsync(id, CancellationToken.None))!;
        Assert.Equal(DrillStatus.Running, drill.Status);
        Assert.Null(drill.CancelRequestedAt);
        tab.AssertNoConsoleErrors();

        Assert.True(await host.Get<DrillControl>().CancelAsync(drill, "test cleanup", CancellationToken.None));
    }
}
