using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>WCAG AA on the console's pages, with the portal's checks (PageChecks): text contrast and a name on every
/// form field, signed in as the operator and, for the sign-in page, anonymous.</summary>
public sealed class AccessibilityTests(ConsolePlane plane, Browser browser)
{
    [Fact]
    public async Task ConsolePages_PassContrastAndLabels()
    {
        var failures = new List<string>();
        await using (var anonymous = await ConsoleSession.AnonymousAsync(browser, plane))
        {
            await anonymous.Page.GotoAsync("console/sign-in");
            await CheckAsync(anonymous.Page, "sign-in", failures);
            anonymous.AssertNoConsoleErrors();
        }

        await using var tab = await ConsoleSession.OpenAsync(browser, plane);
        foreach (var (name, path) in new[] { ("tenants", "console"), ("incidents", "console/incidents"), ("status", "console/status") })
        {
            await tab.GotoAsync(path);
            await CheckAsync(tab.Page, name, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        tab.AssertNoConsoleErrors();
    }

    private static async Task CheckAsync(IPage page, string name, List<string> failures)
    {
        // The resting colours: after loading bars and MudBlazor's transitions.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator(".mud-progress-linear.mud-progress-indeterminate")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(400);
        try
        {
            await PageChecks.AssertAccessibleAsync(page, name);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            failures.Add(e.Message);
        }
    }
}
