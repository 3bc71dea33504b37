using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;

namespace Failkit.Management.OAuth;

/// <summary>The platform-operator API's OAuth 2.0 client-credentials server (OpenIddict) and the validation of its
/// access tokens, in the management plane.</summary>
public static class PlatformOAuth
{
    public const string TokenPath = "/connect/token";

    /// <param name="allowPlainHttp">Embedded/loopback mode only: OpenIddict otherwise refuses requests that did not
    /// arrive over TLS.</param>
    public static IServiceCollection AddFailkitPlatformOAuth(this IServiceCollection services, string connectionString, bool allowPlainHttp)
    {
        services.AddDbContext<PlatformOAuthDbContext>(o =>
        {
            o.UseNpgsql(connectionString);
            o.UseOpenIddict();
        });
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<PlatformOAuthDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                // Keys live in memory: a restart invalidates outstanding tokens (one hour at most) and clients fetch
                // new ones. Replicated production planes need shared keys (docs/decisions/management-platform-oauth.md).
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                var aspNet = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (allowPlainHttp)
                {
                    aspNet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });
        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddSingleton<PlatformClients>();
        return services;
    }
}
