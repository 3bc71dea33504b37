using Failkit.Sso.Settings;
using Failkit.Sso.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Failkit.Sso.Oidc;

/// <summary>The OIDC relying party: authorization code flow with PKCE (S256), state and nonce. The state row in
/// PostgreSQL carries the nonce, the verifier and the return URL; a cookie binds it to the starting browser.</summary>
public sealed partial class OidcLogin(
    SsoSettingsStore settings, PendingRequests pending, OidcDiscovery discovery, IHttpClientFactory http, SsoOptions options, TimeProvider clock)
{
    internal const string BindingCookie = "failkit.sso.oidc";

    /// <summary>Stores a new pending login and returns the IdP's authorization URL to redirect the browser to.</summary>
    internal async Task<string> StartAsync(HttpContext context, string returnUrl, CancellationToken ct)
    {
        var s = await EnabledSettingsAsync(ct);
        var config = await discovery.GetAsync(s.Authority, ct);
        var state = Pkce.RandomValue();
        var nonce = Pkce.RandomValue();
        var verifier = Pkce.RandomValue();
        var binding = Pkce.RandomValue();
        await pending.AddAsync("oidc", state, new PendingLogin(returnUrl, nonce, verifier, Pkce.Hash(binding)), ct);
        context.Response.Cookies.Append(BindingCookie, binding, new CookieOptions
        {
            HttpOnly = true,
            // Lax: the IdP's redirect back is a top-level GET, which Lax cookies accompany.
            SameSite = SameSiteMode.Lax,
            Secure = options.BaseUrl.Scheme == Uri.UriSchemeHttps,
            Path = "/sso/oidc",
            MaxAge = options.PendingLifetime,
        });
        return QueryHelpers.AddQueryString(config.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = s.ClientId,
            ["redirect_uri"] = options.Url(SsoPaths.OidcCallback),
            ["scope"] = s.Scopes,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = Pkce.Challenge(verifier),
            ["code_challenge_method"] = "S256",
        });
    }

    /// <summary>Checks the callback, redeems the code and returns the verified identity and where to go next.</summary>
    internal async Task<(SsoIdentity Identity, string ReturnUrl)> CompleteAsync(HttpContext context, CancellationToken ct)
    {
        var query = context.Request.Query;
        var state = query["state"].ToString();
        if (string.IsNullOrEmpty(state) || state.Length > 200)
        {
            throw new SsoException("MissingState", "the callback carries no valid state");
        }

        // Taken before anything else, so a state is spent even by a failed callback and can never be tried twice.
        var login = await pending.TakeAsync("oidc", state, ct)
            ?? throw new SsoException("UnknownState", "the state is unknown, used or expired; start the login again");
        var binding = context.Request.Cookies[BindingCookie];
        context.Response.Cookies.Delete(BindingCookie, new CookieOptions { Path = "/sso/oidc" });
        if (binding is null || !Pkce.FixedTimeEquals(Pkce.Hash(binding), login.BrowserBindingHash))
        {
            throw new SsoException("BrowserMismatch", "this login was started in another browser");
        }

        if (query["error"].ToString() is { Length: > 0 } error)
        {
            throw new SsoException("IdpError", $"the IdP answered '{Truncate(error)}': {Truncate(query["error_description"].ToString())}");
        }

        var code = query["code"].ToString();
        if (string.IsNullOrEmpty(code) || code.Length > 2048)
        {
            throw new SsoException("MissingCode", "the callback carries no authorization code");
        }

        var s = await EnabledSettingsAsync(ct);
        var config = await discovery.GetAsync(s.Authority, ct);
        // RFC 9207: an IdP that names itself in the response must name the one we sent the browser to.
        if (query["iss"].ToString() is { Length: > 0 } iss && !string.Equals(iss, config.Issuer, StringComparison.Ordinal))
        {
            throw new SsoException("WrongIssuer", "the callback comes from another issuer");
        }

        var tokens = await RedeemAsync(config, s, code, login.CodeVerifier!, ct);
        var claims = await ValidateIdTokenAsync(s, config, tokens.IdToken, login.Nonce!, ct);
        var info = await UserInfoAsync(config, tokens.AccessToken, claims.Subject, ct);
        var identity = new SsoIdentity("oidc", claims.Subject,
            info?.String("email") ?? claims.String("email"),
            info?.String("name") ?? claims.String("name"),
            s.Roles.Resolve(info?.Strings(s.RoleClaim) is { Count: > 0 } fromInfo ? fromInfo : claims.Strings(s.RoleClaim)));
        return (identity, login.ReturnUrl);
    }

    private async Task<OidcSettings> EnabledSettingsAsync(CancellationToken ct) =>
        await settings.GetOidcAsync(ct) is { Enabled: true } s
            ? s
            : throw new SsoException("NotConfigured", "OIDC single sign-on is not configured for this tenant", StatusCodes.Status404NotFound);

    private static string Truncate(string value) => value.Length > 200 ? value[..200] : value;
}
