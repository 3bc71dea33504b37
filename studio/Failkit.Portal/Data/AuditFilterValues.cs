namespace Failkit.Portal.Data;

/// <summary>The audit log page's filter fields as typed, before the API's parser reads them.</summary>
public sealed class AuditFilterValues
{
    public string? Kind { get; set; }

    public string? Actor { get; set; }

    public string? Target { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>An empty field is no filter.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
