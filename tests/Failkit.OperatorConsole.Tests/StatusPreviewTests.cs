using System.Net;
using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>The status page preview shows what the public <c>/status</c> shows.</summary>
public sealed class StatusPreviewTests(ConsolePlane plane, Browser browser)
{
    [Fact]
    public async Task StatusPreview_ShowsTheOpenIncidentTheStatusPageShows()
    {
        var title = "Status preview " + Guid.NewGuid().ToString("N")[..6];
        using (var opened = await plane.ApiAsync(HttpMethod.Post, "api/incidents", new
        {
            title,
            severity = "medium",
            affectedTenants = new[] { plane.DemoSlug },
            whatHappened = "Declared through the platform API.",
            confirmedAt = DateTimeOffset.UtcNow,
        }))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        await using var tab = await ConsoleSession.OpenAsync(browser, plane);
        await tab.GotoAsync("console/status");
        await Assertions.Expect(tab.Page.Locator("[data-test=overall]")).ToHaveAttributeAsync("data-status", "incident");
        var incident = tab.Page.Locator("[data-test=status-incident]", new() { HasText = title });
        await Assertions.Expect(incident).ToContainTextAsync("Incident confirmed; affected customers are being notified.");
        await Assertions.Expect(incident).ToContainTextAsync("medium");
        // No tenant is ever named on the status page; the preview shows the same.
        await Assertions.Expect(tab.Page.Locator(".mud-main-content")).Not.ToContainTextAsync(plane.DemoSlug);
        await tab.ShotAsync("status");

        var publicPage = await tab.Page.APIRequest.GetAsync("status");
        Assert.Contains(WebUtility.HtmlEncode(title), await publicPage.TextAsync(), StringComparison.Ordinal);
        tab.AssertNoConsoleErrors();
    }
}
