using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>Form steps the admin pages' tests share.</summary>
internal static class AdminPages
{
    /// <summary>Types into a MudBlazor field and leaves it, so the field's change reaches the circuit before the next click.</summary>
    public static async Task FillAsync(this PortalSession tab, string test, string value)
    {
        var input = tab.Page.Locator($"[data-test={test}]");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>The error text MudBlazor shows under the field.</summary>
    public static ILocator ErrorOf(this PortalSession tab, string test) =>
        tab.Page.Locator(".mud-input-control", new() { Has = tab.Page.Locator($"[data-test={test}]") }).Locator(".mud-input-helper-text.mud-input-error");

    /// <summary>Opens a MudSelect and picks the option with this text.</summary>
    public static async Task PickAsync(this PortalSession tab, ILocator select, string option)
    {
        await select.ClickAsync();
        await tab.Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{option}\\s*$") }).ClickAsync();
    }
}
