namespace Failkit.Sso;

/// <summary>The routes this module maps, in one place because the redirect URI, ACS URL and metadata must name
/// exactly the routes the endpoints listen on.</summary>
public static class SsoPaths
{
    public const string OidcStart = "/sso/oidc/start";
    public const string OidcCallback = "/sso/oidc/callback";
    public const string SamlStart = "/sso/saml/start";
    public const string SamlAcs = "/sso/saml/acs";
    public const string SamlMetadata = "/sso/saml/metadata";
    public const string OidcSettings = "/api/sso/oidc";
    public const string SamlSettings = "/api/sso/saml";
}
