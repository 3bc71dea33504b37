using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The report list: downloads through the report API, and Verify runs the offline verifier on the stored files.</summary>
public sealed class ReportsTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Reports_Verify_ShowsTheVerifiersVerdict()
    {
        var drill = await host.FinishedDrillAsync(await host.GroupAsync("evidence", vms: 1, timeScale: 0.002));
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/reports");
        var row = tab.Page.Locator("tr", new() { Has = tab.Page.Locator($"a[href='/drills/{drill.Id}']") });

        var download = await tab.Page.RunAndWaitForDownloadAsync(async () =>
            await tab.Page.EvaluateAsync($"() => {{ const a = document.createElement('a'); a.href = '/api/drills/{drill.Id}/report.pdf'; a.download = ''; document.body.appendChild(a); a.click(); }}"));
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);

        await row.Locator("[data-test=verify]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=verify-result]")).ToContainTextAsync("Verified", new() { Timeout = 30_000 });
        await tab.ShotAsync("reports");
        tab.AssertNoConsoleErrors();
    }
}
