namespace Failkit.Identity;

/// <summary>The tenant plane's identity settings (<c>Failkit:Identity</c>, plus the plane's own <c>Failkit:Tenant</c>
/// and <c>Failkit:Management</c> keys of docs/decisions/planes-internal-api.md).</summary>
public sealed class IdentityOptions
{
    /// <summary>bcrypt cost. The security page promises 12; tests may lower it for users whose password strength is
    /// not what they test (docs/decisions/identity-passwords.md).</summary>
    public int BcryptWorkFactor { get; set; } = 12;

    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan SupportSessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>The largest JSON or form body the identity routes read.</summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary><c>Failkit:Tenant:Slug</c>: the tenant this plane serves (used to redeem bootstrap tokens).</summary>
    public string? TenantSlug { get; set; }

    /// <summary><c>Failkit:Tenant:Id</c>: when set, a redeemed bootstrap token must name this tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary><c>Failkit:Tenant:PublicUrl</c>: how browsers reach the plane; links in mails and the token URL use it.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary><c>Failkit:Management:Url</c>: the management plane's direct address.</summary>
    public Uri? ManagementUrl { get; set; }

    /// <summary>True when the public address is HTTPS: cookies are then always Secure and OpenIddict keeps its
    /// transport security requirement. Plain HTTP is for embedded mode on loopback only.</summary>
    public bool IsHttps => PublicUrl?.Scheme == Uri.UriSchemeHttps;
}
