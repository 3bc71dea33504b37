using Failkit.Evidence;
using Failkit.Identity.Support;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>Settings: retention, webhooks with a test delivery to a real receiver, support access grants.</summary>
public sealed class SettingsTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Retention_Set_SavesTheNewPolicy()
    {
        await using var tab = await PortalSession.OpenAsync(browser, host, "owner");
        await tab.GotoAsync("/settings");
        await tab.FillAsync("retention-days", "0");
        await tab.Page.Locator("[data-test=save-retention]").ClickAsync();
        await Assertions.Expect(tab.ErrorOf("retention-days")).ToContainTextAsync("from 1 to 36500");

        await tab.FillAsync("retention-days", "400");
        await tab.Page.Locator("[data-test=save-retention]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=retention-current]")).ToContainTextAsync("400 days (set by user:owner@example.test");
        Assert.Equal(400, (await host.Get<EvidenceRetention>().GetAsync(CancellationToken.None)).Days);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Webhook_AddAndSendTest_ShowsDelivered()
    {
        host.AllowLoopbackWebhooks();
        using var receiver = new WebhookReceiver();
        var name = $"hook-{Guid.NewGuid():N}"[..13];
        await using var tab = await PortalSession.OpenAsync(browser, host, "admin");
        await tab.GotoAsync("/settings");
        await tab.FillAsync("webhook-name", name);
        await tab.FillAsync("webhook-url", "ftp://example.test/x");
        await tab.Page.Locator("[data-test=add-webhook]").ClickAsync();
        await Assertions.Expect(tab.ErrorOf("webhook-url")).ToContainTextAsync("http or https URL");

        await tab.FillAsync("webhook-url", receiver.Url.ToString());
        await tab.Page.Locator("[data-test=add-webhook]").ClickAsync();
        var secret = tab.Page.Locator("[data-test=secret-signing-secret]");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_[0-9a-f]{64}$"));
        await tab.Page.Locator("[data-test=secret-done]").ClickAsync();

        var row = tab.Page.Locator("tr", new() { Has = tab.Page.Locator("[data-test=webhook-row-name]", new() { HasText = name }) });
        await row.Locator("[data-test=test-webhook]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=webhook-test-result]")).ToHaveTextAsync("delivered: HTTP 200", new() { Timeout = 20_000 });
        var (signature, body) = Assert.Single(receiver.Received);
        Assert.False(string.IsNullOrEmpty(signature));
        Assert.Contains("\"event\":\"webhook.test\"", body, StringComparison.Ordinal);
        await tab.ShotAsync("settings");

        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=delete-webhook]"), "Cancel");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await ConfirmationDialog.AnswerAsync(tab.Page, row.Locator("[data-test=delete-webhook]"), "Delete");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task SupportGrant_CreateWithExpiryThenRevoke()
    {
        await using var tab = await PortalSession.OpenAsync(browser, host, "owner");
        await tab.GotoAsync("/settings");
        var before = (await host.Get<SupportGrants>().ListAsync(CancellationToken.None)).Count;
        await tab.FillAsync("grant-hours", "200");
        await tab.Page.Locator("[data-test=create-grant]").ClickAsync();
        await Assertions.Expect(tab.ErrorOf("grant-hours")).ToContainTextAsync("at most 168");

        await tab.FillAsync("grant-hours", "2");
        await tab.Page.Locator("[data-test=create-grant]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=grant-status]", new() { HasText = "active" })).ToHaveCountAsync(1);
        var grant = (await host.Get<SupportGrants>().ListAsync(CancellationToken.None))[0];
        Assert.Equal(before + 1, (await host.Get<SupportGrants>().ListAsync(CancellationToken.None)).Count);
        Assert.InRange(grant.ExpiresAt - grant.CreatedAt, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        await ConfirmationDialog.AnswerAsync(tab.Page, tab.Page.Locator("[data-test=revoke-grant]"), "Cancel");
        Assert.Null((await host.Get<SupportGrants>().FindAsync(grant.Id, CancellationToken.None))?.RevokedAt);
        await ConfirmationDialog.AnswerAsync(tab.Page, tab.Page.Locator("[data-test=revoke-grant]"), "Revoke");
        await Assertions.Expect(tab.Page.Locator("[data-test=grant-status]", new() { HasText = "active" })).ToHaveCountAsync(0);
        Assert.NotNull((await host.Get<SupportGrants>().FindAsync(grant.Id, CancellationToken.None))?.RevokedAt);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Auditor_SeesSettingsWithoutActions()
    {
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/settings");
        await Assertions.Expect(tab.Page.Locator("[data-test=recipients]")).ToContainTextAsync("auditor@example.test");
        foreach (var action in new[] { "save-retention", "add-webhook", "test-webhook", "delete-webhook", "create-grant", "revoke-grant" })
        {
            await Assertions.Expect(tab.Page.Locator($"[data-test={action}]")).ToHaveCountAsync(0);
        }

        await tab.ShotAsync("settings-auditor");
        tab.AssertNoConsoleErrors();
    }
}
