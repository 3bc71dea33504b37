using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The offline-verification page: the command, the checks, and the public keys as a download.</summary>
public sealed class VerifyOfflineTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task VerifyOffline_DownloadKeys_GivesThisTenantsKeySet()
    {
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/reports");
        await tab.Page.Locator("[data-test=verify-offline-link]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/reports/verify-offline");
        await Assertions.Expect(tab.Page.Locator("[data-test=command]")).ToContainTextAsync("failkit-verify reports --public-key report-keys.json");
        await Assertions.Expect(tab.Page.Locator("[data-test=checks] tbody tr")).ToHaveCountAsync(10);
        await tab.ShotAsync("verify-offline");

        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.Page.Locator("[data-test=download-keys]").ClickAsync());
        Assert.Equal("report-keys.json", download.SuggestedFilename);
        var keys = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!;
        var expected = (await host.Get<Failkit.Evidence.ReportKeys>().KeySetAsync(CancellationToken.None)).TenantId;
        Assert.Equal(expected, keys["tenant_id"]!.GetValue<Guid>());
        tab.AssertNoConsoleErrors();
    }
}
