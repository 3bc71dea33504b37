namespace Failkit.Portal.Tests;

/// <summary>A browser tab at 1280×800 signed in as a role through the test sign-in, which fails its test on console
/// errors, page errors and ≥400 responses (see <see cref="BrowserTab"/>).</summary>
public sealed class PortalSession : BrowserTab
{
    private PortalSession(IBrowserContext context, IPage page)
        : base(context, page)
    {
    }

    public static Task<PortalSession> OpenAsync(Browser browser, PortalHost host, string role) => OpenAsync(browser, host, role, null);

    /// <summary>A tab signed in as an existing user of the store (e.g. from <see cref="PortalHost.UserWithPasswordAsync"/>).</summary>
    public static Task<PortalSession> OpenAsUserAsync(Browser browser, PortalHost host, string email) =>
        OpenAsync(browser, host, "", null, Uri.EscapeDataString(email));

    /// <summary>A tab whose every request carries <paramref name="headers"/>, e.g. the <c>X-Forwarded-For</c> the
    /// gateway would add in front of the plane.</summary>
    public static Task<PortalSession> OpenAsync(Browser browser, PortalHost host, string role, IDictionary<string, string>? headers) =>
        OpenAsync(browser, host, role, headers, "");

    private static async Task<PortalSession> OpenAsync(Browser browser, PortalHost host, string role, IDictionary<string, string>? headers, string email)
    {
        var context = await browser.NewContextAsync(host.Url, headers: headers);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"test/sign-in?role={role}&email={email}");
        Assert.True(response?.Ok, "The test sign-in failed.");
        return new PortalSession(context, page);
    }
}
