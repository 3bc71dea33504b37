using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Identity.Users;
using Failkit.Sso;
using Failkit.Sso.Settings;
using Failkit.Sso.Storage;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>A tenant nobody has used yet: the bootstrap link sets the first owner's password, the first-run
/// checklist starts at 0/4 and ticks what the stores hold, and the login page offers SSO once it is configured.</summary>
public sealed class FreshPlaneTests(FreshPlane plane, Browser browser) : IClassFixture<FreshPlane>
{
    [Fact]
    public async Task BootstrapLink_SetsTheOwnersPassword_AndLandsOnTheDashboard()
    {
        await using var tab = await BrowserTab.OpenAsync(browser, plane.Url);
        await tab.Page.GotoAsync($"bootstrap?token={FreshPlane.GoodToken}");
        await tab.ShotAsync("bootstrap");

        tab.Expect(400);
        await tab.Page.GetByLabel("Email").FillAsync("not-an-email");
        await tab.Page.GetByLabel("Password").FillAsync("short");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create owner" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=email-error]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=password-error]")).ToContainTextAsync("12");
        await tab.ShotAsync("bootstrap-error");

        await tab.Page.GetByLabel("Email").FillAsync("first-owner@example.test");
        await tab.Page.GetByLabel("Password").FillAsync(PortalHost.Password);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create owner" }).ClickAsync();
        await tab.Page.WaitForURLAsync(plane.Url.ToString());
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=who]")).ToHaveTextAsync("first-owner@example.test");
        await Assertions.Expect(tab.Page.Locator("[data-test=role]")).ToHaveTextAsync("owner");
        var login = await plane.Get<LoginService>().LoginAsync("first-owner@example.test", PortalHost.Password, CancellationToken.None);
        Assert.Equal(LoginOutcome.Succeeded, login.Outcome);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task LoginPage_ShowsTheSsoButton_OnlyOnceOidcIsConfigured()
    {
        await using var tab = await BrowserTab.OpenAsync(browser, plane.Url);
        await tab.Page.GotoAsync("login?ReturnUrl=%2Fdrills");
        await Assertions.Expect(tab.Page.GetByLabel("Password")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=sso]")).ToHaveCountAsync(0);

        await plane.Get<SsoSettingsStore>().SaveAsync(new OidcSettings(true, new Uri("https://idp.example.test/"), "failkit", "secret",
            "openid email profile", "groups", new RoleMapping(new Dictionary<string, SsoRole>())), CancellationToken.None);
        await tab.Page.ReloadAsync();
        var button = tab.Page.Locator("[data-test=sso]");
        await Assertions.Expect(button).ToHaveTextAsync("Sign in with OpenID Connect");
        await Assertions.Expect(button).ToHaveAttributeAsync("href", SsoPaths.OidcStart + "?returnUrl=%2Fdrills");
        await tab.ShotAsync("login-sso");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Checklist_FreshTenant_ShowsNoneDone_ThenTicksWhatTheStoresHold()
    {
        var admin = $"admin-{Guid.NewGuid():N}@example.test";
        await plane.Get<UserStore>().CreateAsync(admin, "admin", PortalHost.Password, CancellationToken.None);
        await using var tab = await BrowserTab.OpenAsync(browser, plane.Url);
        await tab.Page.GotoAsync("login?ReturnUrl=%2Fgetting-started");
        await tab.Page.GetByLabel("Email").FillAsync(admin);
        await tab.Page.GetByLabel("Password").FillAsync(PortalHost.Password);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await tab.WaitForCircuitAsync();
        var list = tab.Page.Locator("[data-test=checklist]");
        await Assertions.Expect(list).ToHaveAttributeAsync("data-done", "0");
        await Assertions.Expect(tab.Page.Locator("[data-test=checklist-count]")).ToHaveTextAsync("0/4 done");
        await Assertions.Expect(tab.Page.Locator("[data-test=go-cloud-account]")).ToHaveAttributeAsync("href", "/cloud-accounts");
        await Assertions.Expect(tab.Page.Locator("[data-test=go-protection-group]")).ToHaveAttributeAsync("href", "/protection-groups/new");
        await Assertions.Expect(tab.Page.Locator("[data-test=go-drill]")).ToHaveAttributeAsync("href", "/drills");
        await tab.Page.Locator("[data-test=mint-token]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=enroll-command]")).ToContainTextAsync("./failkit agent enroll --url ");
        await Assertions.Expect(tab.Page.Locator("[data-test=enroll-command]")).ToContainTextAsync("--token agent-");
        await tab.ShotAsync("getting-started");

        var account = await plane.Get<CloudAccountStore>().CreateAsync(new CloudAccountInput("sim", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" }, null,
            new JsonObject { ["seed"] = 7 }, null), CancellationToken.None);
        var group = await plane.Get<ProtectionGroupStore>().CreateAsync(new ProtectionGroupInput("web", account.Id, 30, 15, null, null,
            [new ProtectedVm("vm-1", 1, "small", [new VmDisk("fresh-vm-1-os", 8L << 30)], [])]), null, CancellationToken.None);
        await plane.Get<DrillStore>().CreateAsync(new Drill(Guid.CreateVersion7(), group.Id, DrillStatus.Succeeded, true,
            new DrillInitiator(DrillInitiator.User, admin), "runbook", 1, null, false, 1800, 900, null, null, DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow, null, null, null, null, []), CancellationToken.None);

        await tab.Page.ReloadAsync();
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=checklist-count]")).ToHaveTextAsync("3/4 done");
        foreach (var step in new[] { "cloud-account", "protection-group", "drill" })
        {
            await Assertions.Expect(tab.Page.Locator($"[data-test=step-{step}]")).ToHaveAttributeAsync("data-done", "true");
        }

        await Assertions.Expect(tab.Page.Locator("[data-test=step-agent]")).ToHaveAttributeAsync("data-done", "false");
        await tab.ShotAsync("getting-started-3of4");
        tab.AssertNoConsoleErrors();
    }
}
