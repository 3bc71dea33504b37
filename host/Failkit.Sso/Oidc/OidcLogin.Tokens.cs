using System.Net.Http.Headers;
using System.Text.Json;
using Failkit.Sso.Settings;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Failkit.Sso.Oidc;

public sealed partial class OidcLogin
{
    /// <summary>Asymmetric algorithms only: "none" and the HMAC family (keyed with the client secret, so a leaked
    /// secret could mint tokens) are refused.</summary>
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private sealed record TokenResponse(string IdToken, string? AccessToken);

    private async Task<TokenResponse> RedeemAsync(OpenIdConnectConfiguration config, OidcSettings s, string code, string verifier, CancellationToken ct)
    {
        using var client = http.CreateClient(SsoHttp.ClientName);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = options.Url(SsoPaths.OidcCallback),
            ["code_verifier"] = verifier,
            ["client_id"] = s.ClientId,
            ["client_secret"] = s.ClientSecret,
        });
        using var response = await client.PostAsync(new Uri(config.TokenEndpoint), body, ct);
        using var json = await ReadJsonAsync(response, ct);
        if (!response.IsSuccessStatusCode || json is null)
        {
            var error = json?.RootElement.TryGetProperty("error", out var e) == true ? e.ToString() : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new SsoException("TokenExchangeFailed", $"the IdP refused the authorization code ({error})");
        }

        var claims = new ClaimSet(json.RootElement);
        return new TokenResponse(
            claims.String("id_token") ?? throw new SsoException("TokenExchangeFailed", "the IdP's token response has no id_token"),
            claims.String("access_token"));
    }

    private async Task<ClaimSet> ValidateIdTokenAsync(OidcSettings s, OpenIdConnectConfiguration config, string idToken, string nonce, CancellationToken ct)
    {
        var result = await ValidateSignatureAsync(s, config, idToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The IdP may have rotated its keys since the JWKS was cached: fetch it again, once.
            discovery.RequestRefresh(s.Authority);
            result = await ValidateSignatureAsync(s, await discovery.GetAsync(s.Authority, ct), idToken);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw new SsoException("InvalidIdToken", $"the id_token is not valid: {result.Exception?.GetType().Name ?? "unreadable"}");
        }

        // Lifetime against our TimeProvider rather than IdentityModel's wall clock, with our skew.
        var now = clock.GetUtcNow();
        if (!token.TryGetPayloadValue<long>("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp) + options.ClockSkew <= now)
        {
            throw new SsoException("InvalidIdToken", "the id_token has expired");
        }

        if (!token.TryGetPayloadValue<long>("iat", out var iat) || DateTimeOffset.FromUnixTimeSeconds(iat) - options.ClockSkew > now)
        {
            throw new SsoException("InvalidIdToken", "the id_token was issued in the future");
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        var claims = new ClaimSet(payload.RootElement.Clone());
        if (!Pkce.FixedTimeEquals(claims.String("nonce"), nonce))
        {
            throw new SsoException("NonceMismatch", "the id_token's nonce is not the one this login sent");
        }

        // OIDC Core §3.1.3.7: with several audiences, azp must name us; when present it must name us anyway.
        var azp = claims.String("azp");
        if ((token.Audiences.Count() > 1 && azp is null) || (azp is not null && azp != s.ClientId))
        {
            throw new SsoException("InvalidIdToken", "the id_token was issued to another client");
        }

        return claims;
    }

    private static Task<TokenValidationResult> ValidateSignatureAsync(OidcSettings s, OpenIdConnectConfiguration config, string idToken) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = config.Issuer,
            ValidAudience = s.ClientId,
            IssuerSigningKeys = config.SigningKeys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });

    /// <summary>Email and name live in userinfo with providers that keep id_tokens small (oidc-provider does); its
    /// <c>sub</c> must be the id_token's, or the answer belongs to someone else.</summary>
    private async Task<ClaimSet?> UserInfoAsync(OpenIdConnectConfiguration config, string? accessToken, string subject, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(config.UserInfoEndpoint) || string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        using var client = http.CreateClient(SsoHttp.ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, config.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request, ct);
        using var json = await ReadJsonAsync(response, ct);
        if (!response.IsSuccessStatusCode || json is null)
        {
            throw new SsoException("UserInfoFailed", $"the IdP's userinfo endpoint answered {(int)response.StatusCode}", StatusCodes.Status502BadGateway);
        }

        var info = new ClaimSet(json.RootElement.Clone());
        return info.String("sub") == subject
            ? info
            : throw new SsoException("UserInfoFailed", "userinfo describes another subject than the id_token", StatusCodes.Status502BadGateway);
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
                ? await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
