namespace Failkit.Portal.Tests;

/// <summary>Every portal page at the two screen sizes of the issue: no horizontal scrollbar, and a screenshot of each
/// in tests/artifacts/portal/1920 and tests/artifacts/portal/1280 to look at.</summary>
public sealed class LayoutTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task EveryPortalPage_At1920x1080And1280x800_HasNoHorizontalScrollbar()
    {
        var pages = await PortalPages.AllAsync(host);
        await using var tab = await PortalSession.OpenAsync(browser, host, "owner");
        var overflowing = new List<string>();
        foreach (var (width, height) in new[] { (1920, 1080), (1280, 800) })
        {
            await tab.Page.SetViewportSizeAsync(width, height);
            var folder = Directory.CreateDirectory(Path.Combine(Browser.Artifacts, width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var (name, path) in pages)
            {
                await tab.GotoAsync(path);
                await AccessibilityTests.SettleAsync(tab.Page);
                await tab.Page.ScreenshotAsync(new() { Path = Path.Combine(folder.FullName, $"{name}.png") });
                if (await PageChecks.HorizontalOverflowAsync(tab.Page) is > 0 and var extra)
                {
                    overflowing.Add($"{name} at {width}×{height} is {extra}px wider than the window");
                }
            }
        }

        Assert.True(overflowing.Count == 0, string.Join("\n", overflowing));
        tab.AssertNoConsoleErrors();
    }
}
