using Failkit.Identity.Sessions;
using Failkit.Sso;
using Failkit.Sso.Storage;

namespace Failkit.Host.Hosting;

/// <summary>The login page's SSO buttons: a protocol shows when the tenant's tier has SSO and its settings are saved
/// and enabled, which is exactly when its start route would go to the IdP instead of refusing.</summary>
public sealed class SsoLoginProviders(SsoOptions options, SsoSettingsStore settings) : ILoginProviders
{
    public async Task<IReadOnlyList<LoginProvider>> ListAsync(CancellationToken ct)
    {
        if (!options.TierAllowsSso)
        {
            return [];
        }

        var providers = new List<LoginProvider>();
        if (await settings.GetOidcAsync(ct) is { Enabled: true })
        {
            providers.Add(new LoginProvider("OpenID Connect", SsoPaths.OidcStart));
        }

        if (await settings.GetSamlAsync(ct) is { Enabled: true })
        {
            providers.Add(new LoginProvider("SAML", SsoPaths.SamlStart));
        }

        return providers;
    }
}
