using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The schedules page: a cron and a time zone per group, said in words, with the next five fire times.</summary>
public sealed class SchedulesTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Schedule_SetWithTimeZone_ShowsPreviewAndNextFiveTimes()
    {
        var group = await host.GroupAsync("nightly", vms: 1, timeScale: 0.002);
        await using var tab = await PortalSession.OpenAsync(browser, host, "admin");
        await tab.GotoAsync("/schedules");
        var row = tab.Page.Locator("tr", new() { HasText = group.Name });
        await Assertions.Expect(row).ToContainTextAsync("not scheduled");
        await row.Locator("[data-test=edit-schedule]").ClickAsync();

        await tab.Page.GetByLabel("Cron expression").FillAsync("0 2 * * 1");
        await tab.Page.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await tab.Page.Locator("[data-test=save-schedule]").ClickAsync();
        await Assertions.Expect(tab.Page.GetByText("'Mars/Olympus' is not a known time zone").First).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await Assertions.Expect(tab.Page.Locator("[data-test=preview]")).ToHaveTextAsync("Runs every Monday at 02:00 Europe/Berlin.");
        var times = tab.Page.Locator("[data-test=next-time]");
        await Assertions.Expect(times).ToHaveCountAsync(5);
        foreach (var text in await times.AllInnerTextsAsync())
        {
            Assert.StartsWith("Mon ", text, StringComparison.Ordinal);
            Assert.Contains(" 02:00 Europe/Berlin", text, StringComparison.Ordinal);
            // Beside it, the same moment in UTC: 01:00 in winter, 00:00 in summer, never 02:00.
            Assert.DoesNotContain("02:00 UTC", text, StringComparison.Ordinal);
        }

        await tab.Page.Locator("[data-test=save-schedule]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=described]")).ToHaveTextAsync("every Monday at 02:00 Europe/Berlin");
        await tab.ShotAsync("schedules");

        var saved = await host.Get<ProtectionGroupStore>().FindAsync(group.Id, CancellationToken.None);
        Assert.Equal("0 2 * * 1", saved!.Schedule);
        Assert.Equal("Europe/Berlin", saved.ScheduleTimeZone);
        var berlin = TimeZoneInfo.ConvertTime(saved.NextRunAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((DayOfWeek.Monday, 2, 0), (berlin.DayOfWeek, berlin.Hour, berlin.Minute));
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Operator_SeesSchedulesWithoutEditing()
    {
        var group = await host.GroupAsync("watched", vms: 1, timeScale: 0.002);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync("/schedules");
        await Assertions.Expect(tab.Page.Locator("tr", new() { HasText = group.Name })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=edit-schedule]")).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }
}
