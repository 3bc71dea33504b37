using MudBlazor;

namespace Failkit.Portal.Layout;

/// <summary>Elsa Studio's palette, so the portal and the designer under /studio look like one product, each hue darkened
/// until text on it and in it passes WCAG AA (4.5:1) against white: Elsa's sky #0ea5e9 gave 2.8:1 and MudBlazor's green
/// status chips 2.2:1. AccessibilityTests measures every page.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0369a1",
            Secondary = "#4f46e5",
            Info = "#0277bd",
            Success = "#2e7d32",
            Warning = "#b45309",
            Error = "#c62828",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            DrawerBackground = "#f8fafc",
            Background = "#ffffff",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
