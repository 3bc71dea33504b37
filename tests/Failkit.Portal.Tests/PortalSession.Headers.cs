using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

public sealed partial class PortalSession
{
    /// <summary>A tab whose every request carries <paramref name="headers"/>, e.g. the <c>X-Forwarded-For</c> the
    /// gateway would add in front of the plane.</summary>
    public static async Task<PortalSession> OpenAsync(Browser browser, PortalHost host, string role, IDictionary<string, string> headers)
    {
        var context = await browser.Chromium.NewContextAsync(new()
        {
            BaseURL = host.Url.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            ExtraHTTPHeaders = headers,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"test/sign-in?role={role}");
        Assert.True(response?.Ok, "The test sign-in failed.");
        return new PortalSession(context, page);
    }
}
