using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>The incidents pages: declare (the handler's validation next to each field), post an update, submit the
/// postmortem, and the deliveries and deadline flags of the incident's page.</summary>
public sealed partial class IncidentsTests(ConsolePlane plane, Browser browser)
{
    [Fact]
    public async Task Incident_DeclareUpdatePostmortem_ShowsDeadlinesAndDeliveries()
    {
        await using var tab = await ConsoleSession.OpenAsync(browser, plane);
        await tab.GotoAsync("console/incidents");
        await tab.Page.GetByLabel("Confirmed at (UTC)").FillAsync("");
        await tab.Page.Locator("[data-test=declare-incident]").ClickAsync();
        await Assertions.Expect(tab.Field("Title")).ToContainTextAsync("title is required");
        await Assertions.Expect(tab.Field("What happened")).ToContainTextAsync("whatHappened is required");
        await Assertions.Expect(tab.Field("Confirmed at (UTC)")).ToContainTextAsync("confirmedAt is required");
        await Assertions.Expect(tab.Page.Locator("[data-test=affected-error]")).ToContainTextAsync("affectedTenants must list one or more tenant slugs");
        await Assertions.Expect(tab.Page.Locator(".mud-select", new() { HasText = "Severity" }).First).ToContainTextAsync("severity must be low, medium, high or critical");
        await tab.ShotAsync("incidents");

        var title = "Console incident " + Guid.NewGuid().ToString("N")[..6];
        await tab.Page.GetByLabel("Title").FillAsync(title);
        await tab.Page.Locator(".mud-select", new() { HasText = "Severity" }).First.ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "high" }).ClickAsync();
        await tab.Page.GetByLabel("Confirmed at (UTC)").FillAsync(DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await tab.Page.GetByLabel(plane.DemoSlug).CheckAsync();
        await tab.Page.GetByLabel("What happened").FillAsync("A storage key was readable by another tenant's plane for 20 minutes.");
        await tab.Page.Locator("[data-test=declare-incident]").ClickAsync();

        await tab.Page.WaitForURLAsync(IncidentUrl());
        await Assertions.Expect(tab.Page.Locator("[data-test=incident-title]")).ToHaveTextAsync(title);
        await Assertions.Expect(tab.Page.Locator("[data-test=incident-state]")).ToHaveTextAsync("open");
        await Assertions.Expect(tab.Page.Locator("[data-test=incident-tenants]")).ToContainTextAsync(plane.DemoSlug);
        await Assertions.Expect(tab.Page.Locator("[data-test=notify-deadline] [data-test=flag]")).ToHaveAttributeAsync("data-flag", "pending");
        await Assertions.Expect(tab.Page.Locator("[data-test=notify-deadline]")).ToContainTextAsync("due ");
        await Assertions.Expect(tab.Page.Locator("[data-test=deliveries]")).ToBeVisibleAsync();

        // An empty update is the handler's validation error; a real one joins the public timeline.
        await tab.Page.Locator("[data-test=post-update]").ClickAsync();
        await Assertions.Expect(tab.Field("Post an update")).ToContainTextAsync("message is required");
        await tab.Page.GetByLabel("Post an update").FillAsync("The key was rotated; no data was read.");
        await tab.Page.Locator("[data-test=post-update]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=update]", new() { HasText = "The key was rotated" })).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Postmortem").FillAsync("Root cause: a shared bucket policy. Fix: per-tenant keys.");
        await tab.Page.Locator("[data-test=submit-postmortem]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=postmortem-at]")).ToContainTextAsync("submitted");
        await Assertions.Expect(tab.Page.Locator("[data-test=postmortem]")).ToHaveCountAsync(0);
        await tab.ShotAsync("incident");

        using var api = await plane.ApiAsync(HttpMethod.Get, tab.Page.Url[tab.Page.Url.IndexOf("/console/incidents/", StringComparison.Ordinal)..]
            .Replace("/console/incidents/", "api/incidents/", StringComparison.Ordinal));
        var body = await api.Content.ReadAsStringAsync();
        Assert.Contains($"\"title\":\"{title}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"postmortemAt\":\"", body, StringComparison.Ordinal);
        tab.AssertNoConsoleErrors();
    }

    [GeneratedRegex(@"/console/incidents/[0-9a-f-]{36}$")]
    private static partial Regex IncidentUrl();
}
