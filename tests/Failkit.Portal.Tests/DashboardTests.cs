using System.Net;
using System.Text.RegularExpressions;
using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The dashboard at <c>/</c>, and the drill page it leads to: start a drill and watch it finish live.</summary>
public sealed partial class DashboardTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Dashboard_StartDrill_ShowsLiveProgressUntilItEnds()
    {
        var group = await host.GroupAsync("dash", vms: 3, timeScale: 0.02);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync("/");
        var row = tab.Page.Locator("tr", new() { HasText = group.Name });
        await Assertions.Expect(row).ToContainTextAsync("Overdue");
        await Assertions.Expect(row).ToContainTextAsync("30 min /");
        await Assertions.Expect(row).ToContainTextAsync(LagPattern());
        await tab.ShotAsync("dashboard");

        await row.Locator("[data-test=start-drill]").ClickAsync();
        // The start dialog opens on this row's group, with the published runbook and the latest recovery point.
        await tab.Page.Locator("[data-test=start]").ClickAsync();
        await tab.Page.WaitForURLAsync(DrillUrl());
        Assert.Equal(group.Id, (await host.Get<DrillStore>().FindAsync(Guid.Parse(tab.Page.Url[^36..]), CancellationToken.None))!.GroupId);
        var status = tab.Page.Locator("[data-test=drill-status]");
        await Assertions.Expect(status).ToHaveTextAsync(DrillStatus.Running);
        // Live: the first wave's bar gains segments while the page is never reloaded.
        await Assertions.Expect(tab.Page.Locator("[data-vm=vm-1] [data-test=segment]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await tab.ShotAsync("drill-running");
        await Assertions.Expect(status).ToHaveTextAsync(DrillStatus.Succeeded, new() { Timeout = 90_000 });
        await Assertions.Expect(tab.Page.Locator("[data-vm=vm-3]")).ToHaveAttributeAsync("data-vm-status", VmStatus.Green);
        await tab.ShotAsync("drill-finished");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Anonymous_GoesToTheLoginPage()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Url };
        var response = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d+(\.\d)? min")]
    private static partial Regex LagPattern();

    [GeneratedRegex(@"/drills/[0-9a-f-]{36}$")]
    private static partial Regex DrillUrl();
}
