using Failkit.Sso.Settings;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>SSO settings: the module's validation shown next to the field, then a save and the test sign-in link.</summary>
public sealed class SsoTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Oidc_SaveWithABadAuthority_ShowsTheErrorNextToTheFieldThenSaves()
    {
        host.EnableSso();
        await using var tab = await PortalSession.OpenAsync(browser, host, "owner");
        await tab.GotoAsync("/sso");
        await tab.FillAsync("oidc-authority", "not a url");
        await tab.FillAsync("oidc-client-id", "failkit-portal");
        await tab.FillAsync("oidc-client-secret", "s3cret-value");
        await tab.Page.Locator("[data-test=save-oidc]").ClickAsync();
        await Assertions.Expect(tab.ErrorOf("oidc-authority")).ToBeVisibleAsync();
        await Assertions.Expect(tab.ErrorOf("oidc-client-id")).ToHaveCountAsync(0);
        await tab.ShotAsync("sso-error");
        Assert.Null(await host.Get<SsoSettingsService>().GetOidcAsync(CancellationToken.None));

        await tab.FillAsync("oidc-authority", "https://idp.example.test/");
        await tab.FillAsync("oidc-role-mapping", "failkit-admins = admin");
        await tab.Page.Locator("[data-test=save-oidc]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=test-oidc]")).ToHaveAttributeAsync("href", "/sso/oidc/start");
        await Assertions.Expect(tab.Page.Locator("[data-test=oidc-redirect]")).ToHaveTextAsync(new Uri(host.Url, "/sso/oidc/callback").ToString());
        var saved = await host.Get<SsoSettingsService>().GetOidcAsync(CancellationToken.None);
        Assert.Equal("https://idp.example.test/", saved?.Authority);
        Assert.Equal("admin", saved?.RoleMapping["failkit-admins"]);

        await tab.Page.Locator(".mud-tab", new() { HasText = "SAML 2.0" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=saml-metadata]")).ToHaveAttributeAsync("href", "/sso/saml/metadata");
        await tab.Page.Locator(".mud-tab", new() { HasText = "OpenID Connect" }).ClickAsync();
        // Back on the tab, the form still holds what was saved.
        await Assertions.Expect(tab.Page.Locator("[data-test=oidc-authority]")).ToHaveValueAsync("https://idp.example.test/");
        await tab.ShotAsync("sso");
        tab.AssertNoConsoleErrors();
    }
}
