using System.Globalization;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Runtime;
using Microsoft.AspNetCore.Http;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>The query of <c>GET /workflow-definitions</c>. The Studio's client sends PascalCase keys (<c>Page</c>,
/// <c>DefinitionIds</c> repeated) and <c>True</c>/<c>False</c>; both keys and values are read case-insensitively.</summary>
public sealed record DefinitionListQuery
{
    public VersionOptions VersionOptions { get; init; } = VersionOptions.AllVersions;

    public IReadOnlyList<string> DefinitionIds { get; init; } = [];

    public IReadOnlyList<string> Ids { get; init; } = [];

    public int? Page { get; init; }

    public int? PageSize { get; init; }

    public string OrderBy { get; init; } = "Name";

    public bool Descending { get; init; }

    public string? SearchTerm { get; init; }

    public bool? IsSystem { get; init; }

    public static ValueTask<DefinitionListQuery?> BindAsync(HttpContext context)
    {
        // Request.Query keys are case-insensitive already.
        var q = context.Request.Query;
        var orderBy = Text(q, "OrderBy") ?? "Name";
        if (!new[] { "Name", "Version", "Created", "CreatedAt" }.Contains(orderBy, StringComparer.OrdinalIgnoreCase))
        {
            throw ApiRequestException.BadRequest($"Unknown OrderBy '{orderBy}'. Use Name, Version or Created.", "OrderBy");
        }

        var direction = Text(q, "OrderDirection");
        if (direction is not null && !direction.Equals("Ascending", StringComparison.OrdinalIgnoreCase) && !direction.Equals("Descending", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiRequestException.BadRequest($"Unknown OrderDirection '{direction}'. Use Ascending or Descending.", "OrderDirection");
        }

        return ValueTask.FromResult<DefinitionListQuery?>(new DefinitionListQuery
        {
            VersionOptions = VersionOptions.Parse(Text(q, "versionOptions"), VersionOptions.AllVersions),
            DefinitionIds = Many(q, "DefinitionIds").Concat(Many(q, "DefinitionId")).ToList(),
            Ids = Many(q, "Ids").ToList(),
            Page = Int(q, "Page"),
            PageSize = Int(q, "PageSize"),
            OrderBy = orderBy,
            Descending = direction?.Equals("Descending", StringComparison.OrdinalIgnoreCase) == true,
            SearchTerm = Text(q, "SearchTerm"),
            IsSystem = Bool(q, "IsSystem"),
        });
    }

    private static string? Text(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    private static IEnumerable<string> Many(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var v) ? v.SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : [];

    private static int? Int(IQueryCollection q, string key) => Text(q, key) switch
    {
        null => null,
        var s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 => n,
        var s => throw ApiRequestException.BadRequest($"Query parameter '{key}' must be a non-negative integer, not '{s}'.", key),
    };

    private static bool? Bool(IQueryCollection q, string key) => Text(q, key) switch
    {
        null => null,
        var s when bool.TryParse(s, out var b) => b,
        var s => throw ApiRequestException.BadRequest($"Query parameter '{key}' must be True or False, not '{s}'.", key),
    };
}
