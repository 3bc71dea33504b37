using Failkit.Sso.Oidc;
using Failkit.Sso.Saml;
using Failkit.Sso.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Sso;

public static class SsoServiceCollectionExtensions
{
    /// <summary>Registers the OIDC relying party, the SAML service provider and their PostgreSQL state. The host
    /// also registers an <see cref="ISsoSignIn"/>, configures the Data Protection key ring, runs
    /// <see cref="SsoDatabase.MigrateAsync"/> as the tenant's owner, and maps
    /// <see cref="SsoEndpoints.MapSsoLoginEndpoints"/> and <see cref="SsoEndpoints.MapSsoSettingsEndpoints"/>.</summary>
    public static IServiceCollection AddFailkitSso(this IServiceCollection services, Action<SsoOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SsoOptions();
        configure(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.AddHttpClient(SsoHttp.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SsoDatabase>();
        services.AddSingleton<SsoSettingsStore>();
        services.AddSingleton<Settings.SsoSettingsService>();
        services.AddSingleton<PendingRequests>();
        services.AddSingleton<SamlReplayCache>();
        services.AddSingleton<OidcDiscovery>();
        services.AddSingleton<OidcLogin>();
        services.AddSingleton<SamlLogin>();
        return services;
    }
}
