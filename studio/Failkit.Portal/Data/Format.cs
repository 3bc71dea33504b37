using System.Globalization;
using MudBlazor;

namespace Failkit.Portal.Data;

/// <summary>How the pages write durations, times and statuses, so every page says the same thing the same way.</summary>
public static class Format
{
    public static string Duration(double? seconds) => seconds switch
    {
        null => "—",
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
    };

    public static string Duration(TimeSpan? span) => Duration(span?.TotalSeconds);

    public static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    public static Color StatusColor(string? status) => status switch
    {
        "Succeeded" or "Passed" or "Green" => Color.Success,
        "Failed" => Color.Error,
        "Running" or "Hydrating" or "Booting" or "Probing" => Color.Info,
        "Cancelled" or "Skipped" => Color.Warning,
        _ => Color.Default,
    };
}
