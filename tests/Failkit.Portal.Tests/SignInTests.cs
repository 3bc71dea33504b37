using Failkit.Identity.Pages;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The sign-in pages (<c>/login</c>, <c>/account/forgot</c>, <c>/account/reset</c>) in a browser: a password
/// sign-in lands on the dashboard; a reset goes through the mailed link; errors sit next to their field.</summary>
public sealed class SignInTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task PasswordSignIn_WrongThenRight_ShowsTheErrorAtThePassword_ThenTheDashboard()
    {
        var email = await host.UserWithPasswordAsync("operator");
        await using var tab = await BrowserTab.OpenAsync(browser, host.Url);
        await tab.Page.GotoAsync("/");
        await tab.Page.WaitForURLAsync("**/login?ReturnUrl=%2F");
        await Assertions.Expect(tab.Page.GetByLabel("Email")).ToBeVisibleAsync();
        await tab.ShotAsync("login");

        tab.Expect(401);
        await tab.Page.GetByLabel("Email").FillAsync(email);
        await tab.Page.GetByLabel("Password").FillAsync("not the password");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=password-error]")).ToHaveTextAsync(SessionPages.LoginFailedMessage);
        await Assertions.Expect(tab.Page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(tab.Page.GetByLabel("Email")).ToHaveValueAsync(email);
        await tab.ShotAsync("login-error");

        await tab.Page.GetByLabel("Password").FillAsync(PortalHost.Password);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await tab.Page.WaitForURLAsync(host.Url.ToString());
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=who]")).ToHaveTextAsync(email);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task PasswordReset_ThroughTheMailedLink_SetsTheNewPassword()
    {
        var email = await host.UserWithPasswordAsync("auditor");
        await using var tab = await BrowserTab.OpenAsync(browser, host.Url);
        await tab.Page.GotoAsync("login");
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await tab.Page.GetByLabel("Email").FillAsync(email);
        await tab.ShotAsync("forgot-password");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(AccountPages.ResetSentMessage);

        await tab.Page.GotoAsync((await host.ResetLinkAsync(email)).PathAndQuery);
        tab.Expect(400);
        await tab.Page.GetByLabel("New password").FillAsync("short");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=password-error]")).ToContainTextAsync("12");
        await tab.ShotAsync("reset-password-error");
        const string newPassword = "a brand new passphrase";
        await tab.Page.GetByLabel("New password").FillAsync(newPassword);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password has been changed.");

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await tab.Page.GetByLabel("Email").FillAsync(email);
        await tab.Page.GetByLabel("Password").FillAsync(newPassword);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=who]")).ToHaveTextAsync(email);
        tab.AssertNoConsoleErrors();
    }
}
