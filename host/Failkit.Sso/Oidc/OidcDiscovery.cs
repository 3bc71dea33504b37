using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Failkit.Sso.Oidc;

/// <summary>The IdP's discovery document and JWKS, cached per authority and refreshed by IdentityModel's
/// <see cref="ConfigurationManager{T}"/> (daily, or on demand when a token names an unknown key).</summary>
public sealed class OidcDiscovery(IHttpClientFactory http)
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    internal async Task<OpenIdConnectConfiguration> GetAsync(Uri authority, CancellationToken ct)
    {
        OpenIdConnectConfiguration config;
        try
        {
            config = await Manager(authority).GetConfigurationAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            throw new SsoException("DiscoveryFailed", $"the IdP's discovery document at {authority} could not be read", StatusCodes.Status502BadGateway);
        }

        // OIDC Discovery 1.0 §4.3: the issuer must be exactly the authority it was fetched from.
        if (!string.Equals(config.Issuer.TrimEnd('/'), authority.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new SsoException("DiscoveryFailed", $"the IdP's discovery document names issuer '{config.Issuer}', not '{authority}'", StatusCodes.Status502BadGateway);
        }

        return config;
    }

    internal void RequestRefresh(Uri authority) => Manager(authority).RequestRefresh();

    private ConfigurationManager<OpenIdConnectConfiguration> Manager(Uri authority) =>
        _managers.GetOrAdd(authority.AbsoluteUri, key => new ConfigurationManager<OpenIdConnectConfiguration>(
            key.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            // Plain HTTP only for an IdP on loopback (tests, a laptop); anything reached over a network needs TLS.
            new HttpDocumentRetriever(http.CreateClient(SsoHttp.ClientName)) { RequireHttps = !authority.IsLoopback }));
}
