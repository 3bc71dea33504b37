using Failkit.Identity.Users;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The audit log: the API's filters over the same query, errors next to the field, and the audited export.</summary>
public sealed class AuditLogTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task AuditLog_FilterByTargetAndKind_ShowsTheCreatedEvents()
    {
        var email = $"audited-{Guid.NewGuid():N}@example.test";
        var users = host.Get<UserStore>();
        await users.CreateAsync(email, "operator", null, CancellationToken.None);
        var owner = await users.FindByEmailAsync("owner@example.test", CancellationToken.None)
            ?? await users.CreateAsync("owner@example.test", "owner", null, CancellationToken.None);
        var caller = Failkit.Identity.Sessions.Principals.ForUser(owner!, "test");
        var user = await users.FindByEmailAsync(email, CancellationToken.None);
        Assert.Equal(UserChangeOutcome.Done, (await host.Get<UserAdministration>().ChangeRoleAsync(user!.Id, "auditor", caller, "203.0.113.7", CancellationToken.None)).Outcome);
        Assert.Equal(UserChangeOutcome.Done, (await host.Get<UserAdministration>().SetActiveAsync(user.Id, false, caller, "203.0.113.7", CancellationToken.None)).Outcome);

        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/audit-log");
        await tab.FillAsync("filter-kind", "User Created!");
        await tab.Page.Locator("[data-test=apply-filters]").ClickAsync();
        await Assertions.Expect(tab.ErrorOf("filter-kind")).ToContainTextAsync("prefix ending in .*");

        await tab.FillAsync("filter-kind", "user.*");
        await tab.FillAsync("filter-target", email);
        await tab.Page.Locator("[data-test=apply-filters]").ClickAsync();
        var kinds = tab.Page.Locator("[data-test=audit] [data-test=kind]");
        await Assertions.Expect(kinds).ToHaveTextAsync(["user.disabled", "user.role-changed"]);
        await tab.ShotAsync("audit-log");

        await tab.FillAsync("filter-kind", "user.role-changed");
        await tab.Page.Locator("[data-test=apply-filters]").ClickAsync();
        await Assertions.Expect(kinds).ToHaveTextAsync(["user.role-changed"]);
        await Assertions.Expect(tab.Page.Locator("[data-test=audit] [data-test=actor]")).ToHaveTextAsync(["user:owner@example.test"]);

        // The export link is the API's: an auditor may use it, and using it is itself an event.
        var href = await tab.Page.Locator("[data-test=export]").GetAttributeAsync("href");
        Assert.Equal("/api/audit/export", href);
        var export = await tab.Page.APIRequest.GetAsync(href!);
        Assert.Equal(200, export.Status);
        Assert.Contains(email, await export.TextAsync(), StringComparison.Ordinal);
        await tab.FillAsync("filter-kind", "audit.exported");
        await tab.FillAsync("filter-target", "");
        await tab.FillAsync("filter-actor", "user:auditor@example.test");
        await tab.Page.Locator("[data-test=apply-filters]").ClickAsync();
        await Assertions.Expect(kinds.First).ToHaveTextAsync("audit.exported");
        tab.AssertNoConsoleErrors();
    }
}
