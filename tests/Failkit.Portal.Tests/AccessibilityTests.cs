using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>WCAG AA on every portal page: text contrast and a name on every form field (PageChecks), signed in as an
/// owner (who sees every action) and, for the sign-in page, anonymous.</summary>
public sealed class AccessibilityTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task EveryPortalPage_AsOwner_PassesContrastAndLabels()
    {
        var pages = await PortalPages.AllAsync(host);
        await using var tab = await PortalSession.OpenAsync(browser, host, "owner");
        var failures = new List<string>();
        foreach (var (name, path) in pages)
        {
            await tab.GotoAsync(path);
            await SettleAsync(tab.Page);
            try
            {
                await PageChecks.AssertAccessibleAsync(tab.Page, name);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SignInPage_Anonymous_PassesContrastAndLabels()
    {
        await using var tab = await BrowserTab.OpenAsync(browser, host.Url);
        await tab.Page.GotoAsync("/login");
        await SettleAsync(tab.Page);
        await PageChecks.AssertAccessibleAsync(tab.Page, "login");
        tab.AssertNoConsoleErrors();
    }

    /// <summary>Waits out the indeterminate loading bars and MudBlazor's transitions, so the colours measured are the resting ones.</summary>
    internal static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator(".mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(400);
    }
}
