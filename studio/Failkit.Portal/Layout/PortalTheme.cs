using MudBlazor;

namespace Failkit.Portal.Layout;

/// <summary>Elsa Studio's default MudBlazor palette, so the portal and the designer under /studio look like one product.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0ea5e9",
            Secondary = "#6366f1",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            DrawerBackground = "#f8fafc",
            Background = "#ffffff",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
