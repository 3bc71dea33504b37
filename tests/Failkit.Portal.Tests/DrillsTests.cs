using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The drill history and its status filter.</summary>
public sealed class DrillsTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Drills_FilterByStatus_ShowsOnlyThatStatus()
    {
        var drill = await host.FinishedDrillAsync(await host.GroupAsync("history", vms: 1, timeScale: 0.002));
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/drills");
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{drill.Id}']")).ToBeVisibleAsync();

        await tab.Page.Locator("[data-test=status-filter]").ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = DrillStatus.Failed }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{drill.Id}']")).ToHaveCountAsync(0);
        await tab.Page.Locator("[data-test=status-filter]").ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = drill.Status }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{drill.Id}']")).ToBeVisibleAsync();
        var statuses = await tab.Page.Locator("[data-test=drills] [data-test=status]").AllInnerTextsAsync();
        Assert.All(statuses, s => Assert.Equal(drill.Status, s));
        await tab.ShotAsync("drills");
        tab.AssertNoConsoleErrors();
    }
}
