using System.Text.RegularExpressions;
using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The portal's main action by keyboard alone: from the dashboard, Tab to a group's Start drill, Enter, Tab to
/// the dialog's Start, Enter; then on the drill page, Tab to Cancel drill, Space, and confirm with Enter.</summary>
public sealed partial class KeyboardTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task StartAndCancelDrill_WithTheKeyboardOnly_Happen()
    {
        // Real-time latencies keep the drill running while the keyboard reaches its cancel button.
        var group = await host.GroupAsync("keys", vms: 1, timeScale: 1);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync("/");
        await Assertions.Expect(tab.Page.Locator("tr", new() { HasText = group.Name })).ToBeVisibleAsync();

        await TabToAsync(tab.Page, $"e => e.dataset.test === 'start-drill' && e.closest('tr')?.textContent.includes('{group.Name}')");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await TabToAsync(tab.Page, "e => e.dataset.test === 'start' && !e.disabled");
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.WaitForURLAsync(DrillUrl());
        var id = Guid.Parse(tab.Page.Url[^36..]);
        Assert.Equal(group.Id, (await host.Get<DrillStore>().FindAsync(id, CancellationToken.None))?.GroupId);
        await tab.Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await TabToAsync(tab.Page, "e => e.dataset.test === 'cancel-drill'");
        await tab.Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await TabToAsync(tab.Page, "e => e.tagName === 'BUTTON' && e.textContent.trim() === 'Cancel drill' && e.closest('[role=dialog]') !== null");
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("[data-test=cancel-requested]")).ToBeVisibleAsync();
        Assert.NotNull((await host.Get<DrillStore>().FindAsync(id, CancellationToken.None))?.CancelRequestedAt);
        await tab.ShotAsync("keyboard-cancel-requested");
        tab.AssertNoConsoleErrors();
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="predicate"/> (a JS function of it).</summary>
    private static async Task TabToAsync(IPage page, string predicate)
    {
        for (var presses = 0; presses < 200; presses++)
        {
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return e !== null && ({predicate})(e) === true; }}"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"200 presses of Tab never focused an element where {predicate}.");
    }

    [GeneratedRegex(@"/drills/[0-9a-f-]{36}$")]
    private static partial Regex DrillUrl();
}
