using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The deletes that ask first: Cancel keeps the group or account, the dialog's Delete removes it. (Deactivate,
/// revoke, cancel drill and webhook delete are answered in their pages' own tests.)</summary>
public sealed class ConfirmationTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task DeleteGroupThenAccount_CancelKeepsThem_ConfirmDeletes()
    {
        var group = await host.GroupAsync("confirm", vms: 1, timeScale: 0.002);
        var account = (await host.Get<CloudAccountStore>().ListAsync(CancellationToken.None)).Single(a => a.Id == group.CloudAccountId);
        await using var tab = await PortalSession.OpenAsync(browser, host, "admin");

        await tab.GotoAsync("/protection-groups");
        var row = tab.Page.Locator("tr", new() { HasText = group.Name });
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=delete-group]"), "Cancel");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        Assert.Contains(await host.Get<ProtectionGroupStore>().ListAsync(CancellationToken.None), g => g.Id == group.Id);
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=delete-group]"), "Delete");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.DoesNotContain(await host.Get<ProtectionGroupStore>().ListAsync(CancellationToken.None), g => g.Id == group.Id);

        await tab.GotoAsync("/cloud-accounts");
        row = tab.Page.Locator("tr", new() { HasText = account.Name });
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=delete-account]"), "Cancel");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=delete-account]"), "Delete");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.DoesNotContain(await host.Get<CloudAccountStore>().ListAsync(CancellationToken.None), a => a.Id == account.Id);
        tab.AssertNoConsoleErrors();
    }
}
