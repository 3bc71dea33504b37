using Failkit.Identity.Clients;
using Failkit.Identity.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>Users &amp; roles: invite, change role, deactivate; API clients with a secret shown once, and revoke.</summary>
public sealed class UsersTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Users_InviteThenChangeRoleAndDeactivate_SavesEachChange()
    {
        var email = $"invitee-{Guid.NewGuid():N}@example.test";
        await using var tab = await PortalSession.OpenAsync(browser, host, "owner");
        await tab.GotoAsync("/users");

        await tab.FillAsync("invite-email", "not-an-email");
        await tab.Page.Locator("[data-test=invite]").ClickAsync();
        await Assertions.Expect(tab.ErrorOf("invite-email")).ToContainTextAsync("valid email");

        await tab.FillAsync("invite-email", email);
        await tab.PickAsync(tab.Page.Locator("[data-test=invite-role]"), "operator");
        await tab.Page.Locator("[data-test=invite]").ClickAsync();
        var row = tab.Page.Locator("tr", new() { Has = tab.Page.Locator("[data-test=email]", new() { HasText = email }) });
        await Assertions.Expect(row).ToBeVisibleAsync();
        var invited = await host.Get<UserStore>().FindByEmailAsync(email, CancellationToken.None);
        Assert.Equal("operator", invited?.Role);

        await tab.PickAsync(row.Locator("[data-test=user-role]"), "auditor");
        await Assertions.Expect(tab.Page.Locator(".mud-snackbar", new() { HasText = $"{email} is now auditor" })).ToBeVisibleAsync();
        Assert.Equal("auditor", (await host.Get<UserStore>().FindAsync(invited!.Id, CancellationToken.None))?.Role);

        // A cancelled confirmation leaves the user active; a confirmed one deactivates.
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=deactivate]"), "Cancel");
        Assert.True((await host.Get<UserStore>().FindAsync(invited.Id, CancellationToken.None))?.IsActive);
        await Assertions.Expect(row.Locator("[data-test=user-status]")).ToHaveTextAsync(UserStatus.Active);
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=deactivate]"), "Deactivate");
        await Assertions.Expect(row.Locator("[data-test=user-status]")).ToHaveTextAsync(UserStatus.Disabled);
        await Assertions.Expect(row.Locator("[data-test=reactivate]")).ToBeVisibleAsync();
        await tab.ShotAsync("users");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ApiClient_Create_ShowsTheSecretOnceThenRevokes()
    {
        var name = $"ci-{Guid.NewGuid():N}"[..16];
        await using var tab = await PortalSession.OpenAsync(browser, host, "admin");
        await tab.GotoAsync("/api-clients");
        await tab.FillAsync("client-name", name);
        await tab.Page.Locator("[data-test=create-client]").ClickAsync();

        var secretField = tab.Page.Locator("[data-test=secret-client-secret]");
        await Assertions.Expect(secretField).ToBeVisibleAsync();
        var secret = await secretField.InputValueAsync();
        var clientId = await tab.Page.Locator("[data-test=secret-client-id]").InputValueAsync();
        Assert.True(secret.Length >= 40, $"secret '{secret}'");
        await tab.ShotAsync("api-client-secret");
        await tab.Page.Locator("[data-test=secret-done]").ClickAsync();
        await Assertions.Expect(secretField).ToHaveCountAsync(0);

        // Once: neither this page nor a fresh one shows it again.
        Assert.DoesNotContain(secret, await tab.Page.ContentAsync(), StringComparison.Ordinal);
        await tab.GotoAsync("/api-clients");
        var row = tab.Page.Locator("tr", new() { Has = tab.Page.Locator("[data-test=client-id]", new() { HasText = clientId }) });
        await Assertions.Expect(row.Locator("[data-test=client-status]")).ToHaveTextAsync("active");
        Assert.DoesNotContain(secret, await tab.Page.ContentAsync(), StringComparison.Ordinal);

        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=revoke-client]"), "Revoke");
        await Assertions.Expect(row.Locator("[data-test=client-status]")).ToContainTextAsync("revoked");
        await using (var scope = host.Get<IServiceScopeFactory>().CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ApiClientService>().FindAsync(clientId, CancellationToken.None);
            Assert.NotNull(stored?.RevokedAt);
        }

        await tab.ShotAsync("api-clients");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Auditor_SeesUsersWithoutActions()
    {
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/users");
        await Assertions.Expect(tab.Page.Locator("[data-test=read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=email]", new() { HasText = "auditor@example.test" })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=invite]")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator("[data-test=deactivate]")).ToHaveCountAsync(0);
        await tab.Page.Locator(".mud-tab", new() { HasText = "API clients" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=clients]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=create-client]")).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }
}
