namespace Failkit.Sso;

/// <summary>What the SSO module needs to know about the tenant plane it runs in. The host fills it from
/// <c>Failkit:Tenant:*</c> and <c>ConnectionStrings:Failkit</c> (docs/decisions/planes-internal-api.md).</summary>
public sealed class SsoOptions
{
    /// <summary>The tenant database as the application role, scoped to the tenant.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The tenant's tier: Standard, Professional or Enterprise. Only the last two may use SSO.</summary>
    public string Tier { get; set; } = "Standard";

    /// <summary>How browsers reach this tenant plane, e.g. <c>http://demo.localhost:5080</c>. Redirect URIs, the
    /// ACS URL and the SP entity id are built from it, never from the request's Host header.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Clock skew tolerated on token and assertion times.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a started login may take at the IdP before its state is forgotten.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromMinutes(10);

    internal Uri BaseUrl => PublicUrl ?? throw new InvalidOperationException("SsoOptions.PublicUrl (Failkit:Tenant:PublicUrl) is not set.");

    internal string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    /// <summary>Professional and Enterprise only, by name; anything else (Standard, a typo) is refused.</summary>
    public bool TierAllowsSso =>
        string.Equals(Tier, "Professional", StringComparison.OrdinalIgnoreCase) || string.Equals(Tier, "Enterprise", StringComparison.OrdinalIgnoreCase);
}
