using Failkit.Management.Incidents;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The dashboard's open incidents: the tenant's incident list (GET /api/incidents) without the closed ones.</summary>
public sealed class DashboardIncidentTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Dashboard_ListsOpenIncidentsOnly()
    {
        var store = host.Get<TenantNoticeStore>();
        var open = $"Storage outage {Guid.NewGuid():N}"[..24];
        var closed = $"Old outage {Guid.NewGuid():N}"[..20];
        await store.AddAsync(new IncidentNotice(Guid.NewGuid(), "incident.declared", open, "high", "investigating", "Replication is delayed.", DateTimeOffset.UtcNow), CancellationToken.None);
        await store.AddAsync(new IncidentNotice(Guid.NewGuid(), "incident.closed", closed, "low", "closed", "Resolved.", DateTimeOffset.UtcNow), CancellationToken.None);

        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/");
        var incidents = tab.Page.Locator("[data-test=incidents]");
        await Assertions.Expect(incidents.Locator("tr", new() { HasText = open })).ToContainTextAsync("Replication is delayed.");
        await Assertions.Expect(incidents.Locator("tr", new() { HasText = closed })).ToHaveCountAsync(0);
        await incidents.ScrollIntoViewIfNeededAsync();
        await tab.ShotAsync("dashboard-incidents");
        tab.AssertNoConsoleErrors();
    }
}
