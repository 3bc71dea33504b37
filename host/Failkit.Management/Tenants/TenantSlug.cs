using System.Text.RegularExpressions;

namespace Failkit.Management.Tenants;

/// <summary>A slug becomes a DNS label (<c>&lt;slug&gt;.&lt;domain&gt;</c>), a database name and the O= of agent
/// certificates, so it is restricted to what is safe in all three.</summary>
public static partial class TenantSlug
{
    // Labels the platform itself uses or may use under <domain>; a tenant must not shadow them.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "www", "api", "app", "admin", "management", "platform", "gateway", "mail", "status", "static", "postgres", "template",
    };

    /// <summary>Returns null when the slug is valid, otherwise why it is not.</summary>
    public static string? Validate(string? slug)
    {
        if (string.IsNullOrEmpty(slug))
        {
            return "slug is required";
        }

        if (!Pattern().IsMatch(slug))
        {
            return "slug must be 3-32 characters: lower-case letters, digits and inner hyphens, starting with a letter";
        }

        if (slug.Contains("--", StringComparison.Ordinal))
        {
            // "xn--" and friends are IDNA punycode prefixes; consecutive hyphens are refused altogether.
            return "slug must not contain consecutive hyphens";
        }

        return Reserved.Contains(slug) ? $"slug '{slug}' is reserved" : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$")]
    private static partial Regex Pattern();
}
