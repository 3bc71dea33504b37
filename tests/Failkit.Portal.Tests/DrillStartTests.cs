using System.Text.RegularExpressions;
using Failkit.Drills;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The start dialog: the launcher's errors next to the field, a chosen runbook version, and the same audit
/// entry the REST route writes (actor, source through the trusted-proxy rule, after-state).</summary>
public sealed partial class DrillStartTests(PortalHost host, Browser browser)
{
    private const string ClientAddress = "203.0.113.9";

    [Fact]
    public async Task StartDialog_BeforeATimeWithoutPoints_ShowsTheErrorThenStartsTheChosenVersionAndAudits()
    {
        var group = await host.GroupAsync("start", vms: 2, timeScale: 0.002);
        var published = (await host.Get<IWorkflowDefinitionStore>().GetVersionsAsync(group.RunbookDefinitionId, CancellationToken.None)).Single(v => v.IsPublished);
        // Loopback is the trusted gateway, so the forwarded address is the client's, as behind the real gateway.
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator", new Dictionary<string, string> { ["X-Forwarded-For"] = ClientAddress });
        await tab.GotoAsync("/drills");
        await tab.Page.Locator("[data-test=start-drill]").ClickAsync();
        var dialog = tab.Page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();

        await tab.Page.Locator("[data-test=group]").ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = group.Name }).ClickAsync();
        await tab.Page.Locator("[data-test=version]").ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = $"v{published.Version} · published" }).ClickAsync();
        await dialog.GetByText("Latest before a time").ClickAsync();
        // The seeded points are five minutes old: none existed a year ago, and the launcher says so for each disk.
        await tab.Page.Locator("[data-test=before] input, input[data-test=before]").FillAsync(DateTime.UtcNow.AddYears(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByText("Wait for an approval before booting").ClickAsync();
        await tab.ShotAsync("drill-start-dialog");
        await tab.Page.Locator("[data-test=start]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=points-error]")).ToContainTextAsync("has no recovery point at or before");
        Assert.Empty(await host.Get<DrillStore>().ListAsync(group.Id, 10, CancellationToken.None));

        await dialog.GetByText("Latest recovery point").ClickAsync();
        await tab.Page.Locator("[data-test=start]").ClickAsync();
        await tab.Page.WaitForURLAsync(DrillUrl());
        var id = Guid.Parse(tab.Page.Url[^36..]);
        await Assertions.Expect(tab.Page.Locator("[data-test=runbook-link]")).ToHaveTextAsync($"{group.RunbookDefinitionId} v{published.Version}");
        var drill = await host.Get<DrillStore>().FindAsync(id, CancellationToken.None);
        Assert.True(drill!.RequireApproval);

        var entry = Assert.Single(await host.AuditAsync(DrillEndpoints.DrillStartedKind, id.ToString()));
        Assert.Equal("user:operator@example.test", entry.Actor);
        Assert.Equal(ClientAddress, entry.Source);
        Assert.Equal($"protection group {group.Id}", entry.Detail);
        Assert.Null(entry.Before);
        Assert.Contains($"\"drillId\":\"{id}\"", entry.After, StringComparison.Ordinal);
        Assert.Contains($"\"runbookVersion\":{published.Version}", entry.After, StringComparison.Ordinal);

        await tab.Page.Locator("[data-test=cancel-drill]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=drill-status]")).ToHaveTextAsync(DrillStatus.Cancelled, new() { Timeout = 60_000 });
        var cancel = Assert.Single(await host.AuditWrittenAsync(DrillEndpoints.DrillCancelKind, id.ToString()));
        Assert.Equal(("user:operator@example.test", ClientAddress), (cancel.Actor, cancel.Source));
        Assert.Equal("{\"status\":\"Running\",\"cancelRequested\":false}", cancel.Before);
        Assert.Equal("{\"status\":\"Running\",\"cancelRequested\":true}", cancel.After);
        tab.AssertNoConsoleErrors();
    }

    [GeneratedRegex(@"/drills/[0-9a-f-]{36}$")]
    private static partial Regex DrillUrl();
}
