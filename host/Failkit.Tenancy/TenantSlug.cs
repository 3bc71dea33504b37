using System.Text.RegularExpressions;

namespace Failkit.Tenancy;

/// <summary>The one tenant slug rule of the platform, and the PostgreSQL names derived from it. A slug is the
/// tenant's subdomain, its Kubernetes namespace, its database and the O= of its agent certificates, so it is what
/// is safe in all of them: 3-32 characters, lower-case letters, digits and inner hyphens, starting with a letter,
/// no consecutive hyphens, and none of the labels the platform keeps for itself. The management database's CHECK
/// constraint says the same (Migrations/0002_onboarding.sql of Failkit.Management). Hyphens become underscores in
/// SQL names, which is one-to-one because a slug never contains an underscore.</summary>
public sealed partial record TenantSlug
{
    public const int MinLength = 3;

    public const int MaxLength = 32;

    // Labels the platform itself uses or may use under <domain>; a tenant must not shadow them.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "www", "api", "app", "admin", "management", "platform", "gateway", "mail", "status", "static", "postgres", "template",
    };

    private TenantSlug(string value) => Value = value;

    /// <summary>The slug itself; it is also the value of <c>app.current_tenant</c> and of every <c>tenant_id</c>.</summary>
    public string Value { get; }

    public string DatabaseName => "t_" + SqlName;

    public string OwnerRole => $"t_{SqlName}_owner";

    public string AppRole => $"t_{SqlName}_app";

    private string SqlName => Value.Replace('-', '_');

    public static TenantSlug Parse(string? value) =>
        TryParse(value, out var slug) ? slug : throw new ArgumentException($"'{value}' is not a tenant slug: {Validate(value)}.", nameof(value));

    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TenantSlug? slug)
    {
        slug = Validate(value) is null ? new TenantSlug(value!) : null;
        return slug is not null;
    }

    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Returns null when the slug is valid, otherwise why it is not (for a validation problem).</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "slug is required";
        }

        if (!Pattern().IsMatch(value))
        {
            return $"slug must be {MinLength}-{MaxLength} characters: lower-case letters, digits and inner hyphens, starting with a letter";
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            // "xn--" and friends are IDNA punycode prefixes; consecutive hyphens are refused altogether.
            return "slug must not contain consecutive hyphens";
        }

        return Reserved.Contains(value) ? $"slug '{value}' is reserved" : null;
    }

    public override string ToString() => Value;

    // \z rather than $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,30}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
