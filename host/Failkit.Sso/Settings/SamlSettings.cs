using System.Security.Cryptography.X509Certificates;

namespace Failkit.Sso.Settings;

/// <summary>A tenant's SAML 2.0 service-provider settings as stored (encrypted) in <c>sso.settings</c>.</summary>
/// <param name="SpEntityId">Our entity id, also the audience the IdP must name; null means the metadata URL.</param>
public sealed record SamlSettings(
    bool Enabled,
    string IdpEntityId,
    Uri IdpSsoUrl,
    string IdpCertificatePem,
    string? SpEntityId,
    bool RequireSignedResponse,
    bool RequireSignedAssertion,
    string RoleAttribute,
    string EmailAttribute,
    string NameAttribute,
    RoleMapping Roles)
{
    internal string EntityId(SsoOptions options) => SpEntityId ?? options.Url(SsoPaths.SamlMetadata);

    internal X509Certificate2 Certificate() => X509Certificate2.CreateFromPem(IdpCertificatePem);
}

/// <summary>The body of <c>PUT /api/sso/saml</c>. Both signature requirements default to on; turning both off is
/// not possible: the ACS always needs at least one valid signature.</summary>
public sealed record SamlSettingsInput(
    bool? Enabled,
    string? IdpEntityId,
    string? IdpSsoUrl,
    string? IdpCertificatePem,
    string? SpEntityId,
    bool? RequireSignedResponse,
    bool? RequireSignedAssertion,
    string? RoleAttribute,
    string? EmailAttribute,
    string? NameAttribute,
    Dictionary<string, string>? RoleMapping,
    string? DefaultRole)
{
    internal SamlSettings? Validate(Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(IdpEntityId))
        {
            errors["idpEntityId"] = ["idpEntityId is required"];
        }

        var sso = SettingsValidation.AbsoluteHttpUrl(IdpSsoUrl, "idpSsoUrl", errors);
        using var cert = SettingsValidation.Certificate(IdpCertificatePem, "idpCertificatePem", errors);
        if (SpEntityId is not null && string.IsNullOrWhiteSpace(SpEntityId))
        {
            errors["spEntityId"] = ["spEntityId must not be blank; omit it to use the metadata URL"];
        }

        if (RequireSignedResponse == false && RequireSignedAssertion == false)
        {
            errors["requireSignedAssertion"] = ["at least one of requireSignedResponse and requireSignedAssertion must stay on"];
        }

        var roles = RoleMappingInput.Parse(RoleMapping, DefaultRole, errors);
        return errors.Count > 0 ? null : new SamlSettings(Enabled ?? true, IdpEntityId!.Trim(), sso!, IdpCertificatePem!.Trim(),
            SpEntityId?.Trim(), RequireSignedResponse ?? true, RequireSignedAssertion ?? true,
            Or(RoleAttribute, "role"), Or(EmailAttribute, "email"), Or(NameAttribute, "displayName"), roles!);
    }

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}

/// <summary>What <c>GET /api/sso/saml</c> shows, plus the values the tenant copies into its IdP.</summary>
public sealed record SamlSettingsView(
    bool Enabled,
    string IdpEntityId,
    string IdpSsoUrl,
    string IdpCertificatePem,
    string IdpCertificateThumbprintSha256,
    string? SpEntityId,
    bool RequireSignedResponse,
    bool RequireSignedAssertion,
    string RoleAttribute,
    string EmailAttribute,
    string NameAttribute,
    Dictionary<string, string> RoleMapping,
    string DefaultRole,
    string EffectiveSpEntityId,
    string AcsUrl,
    string MetadataUrl)
{
    internal static SamlSettingsView From(SamlSettings s, SsoOptions options)
    {
        using var cert = s.Certificate();
        return new(s.Enabled, s.IdpEntityId, s.IdpSsoUrl.AbsoluteUri, s.IdpCertificatePem,
            cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), s.SpEntityId,
            s.RequireSignedResponse, s.RequireSignedAssertion, s.RoleAttribute, s.EmailAttribute, s.NameAttribute,
            RoleMappingInput.Format(s.Roles), RoleMappingInput.Name(s.Roles.Default), s.EntityId(options),
            options.Url(SsoPaths.SamlAcs), options.Url(SsoPaths.SamlMetadata));
    }
}
