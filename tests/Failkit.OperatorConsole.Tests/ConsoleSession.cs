using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>A browser tab at 1280×800 on the console, which fails its test on console errors, page errors and ≥400
/// responses (see <see cref="BrowserTab"/>).</summary>
public sealed class ConsoleSession : BrowserTab
{
    private ConsoleSession(IBrowserContext context, IPage page)
        : base(context, page)
    {
    }

    /// <summary>A tab that has not signed in.</summary>
    public static async Task<ConsoleSession> AnonymousAsync(Browser browser, ConsolePlane plane)
    {
        var context = await browser.NewContextAsync(plane.Url);
        return new ConsoleSession(context, await context.NewPageAsync());
    }

    /// <summary>A tab signed in through the real sign-in form with the operator client, on the tenants page.</summary>
    public static async Task<ConsoleSession> OpenAsync(Browser browser, ConsolePlane plane)
    {
        var tab = await AnonymousAsync(browser, plane);
        await tab.Page.GotoAsync("console/sign-in");
        var (id, secret) = plane.Operator;
        await tab.Page.GetByLabel("Client id").FillAsync(id);
        await tab.Page.GetByLabel("Client secret").FillAsync(secret);
        await tab.Page.Locator("[data-test=sign-in-submit]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/console");
        await tab.WaitForCircuitAsync();
        return tab;
    }
}
