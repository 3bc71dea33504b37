using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>The tenants page: the list, a create that runs the real onboarding workflow with its progress shown live,
/// then suspend and reactivate.</summary>
public sealed class TenantsTests(ConsolePlane plane, Browser browser)
{
    [Fact]
    public async Task Tenants_CreateOnboardsLive_ThenSuspendAndReactivate()
    {
        await using var tab = await ConsoleSession.OpenAsync(browser, plane);
        var demo = tab.Page.Locator("[data-test=tenants] tr", new() { HasText = plane.DemoSlug });
        await Assertions.Expect(demo.Locator("[data-test=state]")).ToHaveTextAsync("Active");
        await Assertions.Expect(demo).ToContainTextAsync($"http://{plane.DemoSlug}.localhost:{plane.PublicPort}/");

        // The handler's validation, shown next to its field.
        await tab.Page.GetByLabel("Slug").FillAsync("Not A Slug!");
        await tab.Page.GetByLabel("Contact email").FillAsync("not-an-email");
        await tab.Page.Locator("[data-test=create-tenant]").ClickAsync();
        await Assertions.Expect(tab.Field("Slug")).ToContainTextAsync("slug");
        await Assertions.Expect(tab.Field("Contact email")).ToContainTextAsync("contactEmail must be an email address");

        var slug = "c" + Guid.NewGuid().ToString("N")[..8];
        await tab.Page.GetByLabel("Slug").FillAsync(slug);
        await tab.Page.GetByLabel("Contact email").FillAsync($"owner@{slug}.example");
        await tab.Page.Locator("[data-test=create-tenant]").ClickAsync();
        var panel = tab.Page.Locator($"[data-test=onboarding][data-slug={slug}]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "running");
        await tab.ShotAsync("tenants-onboarding");
        // Live: the panel turns from running to active while the page is never reloaded.
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "active", new() { Timeout = 180_000 });
        await Assertions.Expect(panel.Locator("[data-step=send-link]")).ToBeVisibleAsync();
        var row = tab.Page.Locator("[data-test=tenants] tr", new() { HasText = slug });
        await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("Active");
        await tab.ShotAsync("tenants");

        // Suspending asks first: Cancel leaves the tenant active, Suspend suspends it.
        var dialog = tab.Page.GetByRole(AriaRole.Dialog);
        await row.Locator("[data-test=suspend]").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("Active");
        await row.Locator("[data-test=suspend]").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Suspend", Exact = true }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("Suspended", new() { Timeout = 60_000 });
        using (var suspended = await plane.ApiAsync(HttpMethod.Get, $"platform/tenants/{slug}"))
        {
            Assert.Contains("\"status\":\"Suspended\"", await suspended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await row.Locator("[data-test=reactivate]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=state]")).ToHaveTextAsync("Active", new() { Timeout = 120_000 });
        tab.AssertNoConsoleErrors();
    }
}
