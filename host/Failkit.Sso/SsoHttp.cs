namespace Failkit.Sso;

/// <summary>The named HttpClient for back-channel calls to IdPs (discovery, JWKS, token, userinfo). Tests add
/// handlers to it; the host may add proxies or resilience.</summary>
public static class SsoHttp
{
    public const string ClientName = "Failkit.Sso";
}
