using System.Text.RegularExpressions;

namespace Failkit.Orchestration;

/// <summary>A tenant slug is one DNS label: it names the tenant's subdomain, its Kubernetes namespace and its
/// process, so anything else (a dot, an upper-case letter, a leading hyphen) is refused before it reaches any of them.</summary>
public static partial class TenantSlug
{
    /// <summary>Leaves room for the <c>failkit-t-</c> namespace prefix inside Kubernetes' 63-character limit.</summary>
    public const int MaxLength = 40;

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Label().IsMatch(slug);

    public static string Validate(string? slug) =>
        IsValid(slug)
            ? slug!
            : throw new ArgumentException(
                $"A tenant slug is 1-{MaxLength} lower-case letters, digits or inner hyphens; got '{slug}'.", nameof(slug));

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
