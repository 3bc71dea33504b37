using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The drill history's group and date-range filters, answered by the database.</summary>
public sealed class DrillHistoryTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Drills_FilterByGroupAndDates_ShowsOnlyMatchingDrills()
    {
        var mine = await host.FinishedDrillAsync(await host.GroupAsync("filter-a", vms: 1, timeScale: 0.002));
        var other = await host.FinishedDrillAsync(await host.GroupAsync("filter-b", vms: 1, timeScale: 0.002));
        var groupName = (await host.Get<Failkit.Drills.ProtectionGroupStore>().FindAsync(mine.GroupId, CancellationToken.None))!.Name;
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/drills");
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{other.Id}']")).ToBeVisibleAsync();

        await tab.Page.Locator("[data-test=group-filter]").ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = groupName }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{other.Id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{mine.Id}']")).ToBeVisibleAsync();

        var today = mine.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = mine.RequestedAt.UtcDateTime.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await tab.Page.Locator("[data-test=from-filter] input, input[data-test=from-filter]").FillAsync(tomorrow);
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{mine.Id}']")).ToHaveCountAsync(0);
        await tab.Page.Locator("[data-test=from-filter] input, input[data-test=from-filter]").FillAsync(today);
        await tab.Page.Locator("[data-test=to-filter] input, input[data-test=to-filter]").FillAsync(today);
        await Assertions.Expect(tab.Page.Locator($"a[href='/drills/{mine.Id}']")).ToBeVisibleAsync();
        await tab.ShotAsync("drills-filtered");
        tab.AssertNoConsoleErrors();
    }
}
