using System.Net;
using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>The console's sign-in: a platform-operator client's id and secret, exchanged for an HttpOnly cookie.</summary>
public sealed class SignInTests(ConsolePlane plane, Browser browser)
{
    [Fact]
    public async Task SignIn_WrongSecretIsRefusedNextToTheField_TheOperatorClientGetsIn()
    {
        await using var tab = await ConsoleSession.AnonymousAsync(browser, plane);
        await tab.Page.GotoAsync("console/incidents");
        Assert.EndsWith("/console/sign-in?returnUrl=%2Fconsole%2Fincidents", tab.Page.Url, StringComparison.Ordinal);

        var (id, secret) = plane.Operator;
        await tab.Page.GetByLabel("Client id").FillAsync(id);
        await tab.Page.GetByLabel("Client secret").FillAsync(secret + "x");
        await tab.Page.Locator("[data-test=sign-in-submit]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=client-secret-error]")).ToHaveTextAsync("The client id or secret is wrong.");
        await Assertions.Expect(tab.Page.GetByLabel("Client secret")).ToHaveValueAsync("");
        await tab.ShotAsync("sign-in");

        await tab.Page.GetByLabel("Client secret").FillAsync(secret);
        await tab.Page.Locator("[data-test=sign-in-submit]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/console/incidents");
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Security incidents");
        var cookie = (await tab.Page.Context.CookiesAsync()).Single(c => c.Name == "failkit-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        await tab.Page.Locator("[data-test=sign-out]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/console/sign-in");
        Assert.DoesNotContain(await tab.Page.Context.CookiesAsync(), c => c.Name == "failkit-console");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ConsoleCookie_DoesNotOpenThePlatformApi()
    {
        await using var tab = await ConsoleSession.OpenAsync(browser, plane);
        // The JSON API takes bearer tokens only: a session cookie riding along with a cross-site request gets nothing.
        var answer = await tab.Page.APIRequest.GetAsync($"platform/tenants/{plane.DemoSlug}");
        Assert.Equal((int)HttpStatusCode.Unauthorized, answer.Status);
    }
}
