using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>An auditor reads everything and sees no action button; the role is shown in the app bar.</summary>
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
}
