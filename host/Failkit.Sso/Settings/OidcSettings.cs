namespace Failkit.Sso.Settings;

/// <summary>A tenant's OIDC relying-party settings as stored (encrypted) in <c>sso.settings</c>.</summary>
public sealed record OidcSettings(
    bool Enabled,
    Uri Authority,
    string ClientId,
    string ClientSecret,
    string Scopes,
    string RoleClaim,
    RoleMapping Roles);

/// <summary>The body of <c>PUT /api/sso/oidc</c>. An omitted <see cref="ClientSecret"/> keeps the stored one, so a
/// client can send back what it read (the secret is never read back).</summary>
public sealed record OidcSettingsInput(
    bool? Enabled,
    string? Authority,
    string? ClientId,
    string? ClientSecret,
    string? Scopes,
    string? RoleClaim,
    Dictionary<string, string>? RoleMapping,
    string? DefaultRole)
{
    internal OidcSettings? Validate(OidcSettings? current, Dictionary<string, string[]> errors)
    {
        var authority = SettingsValidation.AbsoluteHttpUrl(Authority, "authority", errors);
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            errors["clientId"] = ["clientId is required"];
        }

        var secret = ClientSecret ?? current?.ClientSecret;
        if (string.IsNullOrEmpty(secret))
        {
            errors["clientSecret"] = ["clientSecret is required"];
        }

        var scopes = string.IsNullOrWhiteSpace(Scopes) ? "openid email profile" : Scopes.Trim();
        if (!scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            errors["scopes"] = ["scopes must include openid"];
        }

        var roles = RoleMappingInput.Parse(RoleMapping, DefaultRole, errors);
        return errors.Count > 0 ? null : new OidcSettings(Enabled ?? true, authority!, ClientId!.Trim(), secret!, scopes,
            string.IsNullOrWhiteSpace(RoleClaim) ? "role" : RoleClaim.Trim(), roles!);
    }
}

/// <summary>What <c>GET /api/sso/oidc</c> shows: everything but the client secret.</summary>
public sealed record OidcSettingsView(
    bool Enabled,
    string Authority,
    string ClientId,
    bool HasClientSecret,
    string Scopes,
    string RoleClaim,
    Dictionary<string, string> RoleMapping,
    string DefaultRole,
    string RedirectUri)
{
    internal static OidcSettingsView From(OidcSettings s, SsoOptions options) => new(
        s.Enabled, s.Authority.AbsoluteUri, s.ClientId, s.ClientSecret.Length > 0, s.Scopes, s.RoleClaim,
        RoleMappingInput.Format(s.Roles), RoleMappingInput.Name(s.Roles.Default), options.Url(SsoPaths.OidcCallback));
}
