using System.Text.RegularExpressions;

namespace Failkit.Tenancy;

/// <summary>A validated tenant slug and the PostgreSQL names derived from it. The slug is also the tenant's
/// subdomain, so it follows DNS label rules (no leading or trailing hyphen); hyphens become underscores in SQL
/// names, which is one-to-one because a slug never contains an underscore.</summary>
public sealed partial record TenantSlug
{
    private TenantSlug(string value) => Value = value;

    /// <summary>The slug itself; it is also the value of <c>app.current_tenant</c> and of every <c>tenant_id</c>.</summary>
    public string Value { get; }

    public string DatabaseName => "t_" + SqlName;

    public string OwnerRole => $"t_{SqlName}_owner";

    public string AppRole => $"t_{SqlName}_app";

    private string SqlName => Value.Replace('-', '_');

    public static TenantSlug Parse(string value) =>
        TryParse(value, out var slug)
            ? slug
            : throw new ArgumentException($"'{value}' is not a tenant slug: 3-40 lowercase letters, digits and hyphens, starting and ending with a letter or digit.", nameof(value));

    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TenantSlug? slug)
    {
        slug = value is not null && Pattern().IsMatch(value) ? new TenantSlug(value) : null;
        return slug is not null;
    }

    public override string ToString() => Value;

    // \z rather than $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
