using System.Text.Json;
using System.Text.Json.Serialization;
using Failkit.Sso.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace Failkit.Sso.Storage;

/// <summary>Reads and writes the tenant's SSO settings, protected with ASP.NET Data Protection: the client secret
/// and the rest never sit in the database in clear.</summary>
public sealed class SsoSettingsStore(SsoDatabase db, IDataProtectionProvider protection, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly IDataProtector _protector = protection.CreateProtector("Failkit.Sso.Settings.v1");

    public Task<OidcSettings?> GetOidcAsync(CancellationToken ct) => GetAsync<OidcSettings>("oidc", ct);

    public Task<SamlSettings?> GetSamlAsync(CancellationToken ct) => GetAsync<SamlSettings>("saml", ct);

    public Task SaveAsync(OidcSettings settings, CancellationToken ct) => SaveAsync("oidc", settings, ct);

    public Task SaveAsync(SamlSettings settings, CancellationToken ct) => SaveAsync("saml", settings, ct);

    private async Task<T?> GetAsync<T>(string protocol, CancellationToken ct)
        where T : class
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = SsoDatabase.Command(conn, "SELECT payload FROM sso.settings WHERE protocol = $1", protocol);
        return await cmd.ExecuteScalarAsync(ct) is byte[] payload
            ? JsonSerializer.Deserialize<T>(_protector.Unprotect(payload), Json)
            : null;
    }

    private async Task SaveAsync<T>(string protocol, T settings, CancellationToken ct)
    {
        var payload = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(settings, Json));
        await using var conn = await db.OpenAsync(ct);
        // tenant_id comes from its default (the session's tenant), so the conflict target includes it.
        await using var cmd = SsoDatabase.Command(conn, """
            INSERT INTO sso.settings (protocol, payload, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (tenant_id, protocol) DO UPDATE SET payload = EXCLUDED.payload, updated_at = EXCLUDED.updated_at
            """, protocol, payload, clock.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
