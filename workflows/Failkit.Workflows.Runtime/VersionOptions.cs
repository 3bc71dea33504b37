namespace Failkit.Workflows.Runtime;

/// <summary>Elsa's version selector: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a number.</summary>
public readonly record struct VersionOptions(string Kind, int Version = 0)
{
    public static readonly VersionOptions Latest = new("Latest");
    public static readonly VersionOptions Published = new("Published");
    public static readonly VersionOptions LatestOrPublished = new("LatestOrPublished");
    public static readonly VersionOptions LatestAndPublished = new("LatestAndPublished");
    public static readonly VersionOptions Draft = new("Draft");
    public static readonly VersionOptions AllVersions = new("AllVersions");

    public static VersionOptions Exact(int version) => new("Specific", version);

    /// <summary>Parses the query or body value; null or empty gives <paramref name="fallback"/>.</summary>
    public static VersionOptions Parse(string? text, VersionOptions fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, out var n))
        {
            return Exact(n);
        }

        foreach (var known in new[] { Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions })
        {
            if (string.Equals(known.Kind, text, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new FormatException($"Unknown versionOptions '{text}'. Use Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions or a version number.");
    }

    public bool Matches(Core.Model.WorkflowDefinition d) => Kind switch
    {
        "Latest" => d.IsLatest,
        "Published" => d.IsPublished,
        "LatestOrPublished" => d.IsLatest || d.IsPublished,
        "LatestAndPublished" => d.IsLatest && d.IsPublished,
        "Draft" => !d.IsPublished,
        "Specific" => d.Version == Version,
        _ => true,
    };

    /// <summary>For a single pick among matches: LatestOrPublished prefers the published version.</summary>
    public Core.Model.WorkflowDefinition? Pick(IEnumerable<Core.Model.WorkflowDefinition> versions)
    {
        var self = this;
        var matches = versions.Where(self.Matches).ToList();
        return Kind == "LatestOrPublished"
            ? matches.FirstOrDefault(d => d.IsPublished) ?? matches.FirstOrDefault(d => d.IsLatest)
            : matches.OrderByDescending(d => d.Version).FirstOrDefault();
    }

    public override string ToString() => Kind == "Specific" ? Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : Kind;
}
