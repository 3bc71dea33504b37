using Failkit.Sso.Storage;
using Failkit.Tenancy.Audit;

namespace Failkit.Sso.Settings;

/// <summary>Reads and saves the tenant's SSO settings with their validation and audit events: the one path behind
/// <c>GET/PUT /api/sso/oidc|saml</c> and the portal's SSO page.</summary>
public sealed class SsoSettingsService(SsoSettingsStore store, SsoOptions options, IAuditTrail audit)
{
    /// <summary>Professional and Enterprise only; the routes refuse the others before any handler runs.</summary>
    public bool TierAllowsSso => options.TierAllowsSso;

    public string Tier => options.Tier;

    /// <summary>Where the tenant's IdP fetches this plane's SAML service-provider metadata.</summary>
    public string SamlMetadataUrl => options.PublicUrl is null ? SsoPaths.SamlMetadata : options.Url(SsoPaths.SamlMetadata);

    public async Task<OidcSettingsView?> GetOidcAsync(CancellationToken ct) =>
        await store.GetOidcAsync(ct) is { } s ? OidcSettingsView.From(s, options) : null;

    public async Task<SamlSettingsView?> GetSamlAsync(CancellationToken ct) =>
        await store.GetSamlAsync(ct) is { } s ? SamlSettingsView.From(s, options) : null;

    /// <param name="caller">The audit events' actor and source.</param>
    /// <returns>The saved settings, or null and <paramref name="errors"/> keyed by the input's JSON field names.</returns>
    public async Task<OidcSettingsView?> SaveOidcAsync(OidcSettingsInput input, AuditEntry caller, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await store.GetOidcAsync(ct);
        if (input.Validate(current, errors) is not { } settings)
        {
            return null;
        }

        await store.SaveAsync(settings, ct);
        var after = OidcSettingsView.From(settings, options);
        var before = current is null ? null : OidcSettingsView.From(current, options);
        await SsoEndpoints.AuditAsync(audit, caller, "oidc", before, after, before?.RoleMapping, before?.DefaultRole, after.RoleMapping, after.DefaultRole, ct);
        return after;
    }

    /// <inheritdoc cref="SaveOidcAsync"/>
    public async Task<SamlSettingsView?> SaveSamlAsync(SamlSettingsInput input, AuditEntry caller, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Validate(errors) is not { } settings)
        {
            return null;
        }

        var current = await store.GetSamlAsync(ct);
        await store.SaveAsync(settings, ct);
        var after = SamlSettingsView.From(settings, options);
        var before = current is null ? null : SamlSettingsView.From(current, options);
        await SsoEndpoints.AuditAsync(audit, caller, "saml", before, after, before?.RoleMapping, before?.DefaultRole, after.RoleMapping, after.DefaultRole, ct);
        return after;
    }
}
