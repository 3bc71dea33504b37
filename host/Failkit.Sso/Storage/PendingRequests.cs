using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Failkit.Sso.Storage;

/// <summary>A login in flight: what the callback or ACS must find again. OIDC fills nonce and verifier; SAML only
/// the return URL. <see cref="BrowserBindingHash"/> ties an OIDC login to the browser that started it.</summary>
internal sealed record PendingLogin(string ReturnUrl, string? Nonce = null, string? CodeVerifier = null, string? BrowserBindingHash = null);

/// <summary>Pending OIDC states and SAML request ids in PostgreSQL, so any replica can finish a login another
/// started. Taking one deletes it in the same statement: two concurrent callbacks cannot both get it.</summary>
public sealed class PendingRequests(SsoDatabase db, IDataProtectionProvider protection, TimeProvider clock, SsoOptions options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Failkit.Sso.Pending.v1");

    internal async Task AddAsync(string kind, string key, PendingLogin login, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var payload = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(login, SsoSettingsStore.Json));
        await using var conn = await db.OpenAsync(ct);
        // Expired rows are swept here rather than by a background job: every start pays a tiny, indexed delete.
        await using (var sweep = SsoDatabase.Command(conn, "DELETE FROM sso.pending_requests WHERE expires_at <= $1", now))
        {
            await sweep.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = SsoDatabase.Command(conn,
            "INSERT INTO sso.pending_requests (kind, key, payload, expires_at) VALUES ($1, $2, $3, $4)", kind, key, payload, now + options.PendingLifetime);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Removes and returns the pending login, or null when it is unknown, used or expired.</summary>
    internal async Task<PendingLogin?> TakeAsync(string kind, string key, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = SsoDatabase.Command(conn,
            "DELETE FROM sso.pending_requests WHERE kind = $1 AND key = $2 RETURNING payload, expires_at", kind, key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.GetFieldValue<DateTimeOffset>(1) <= clock.GetUtcNow())
        {
            return null;
        }

        return JsonSerializer.Deserialize<PendingLogin>(_protector.Unprotect(reader.GetFieldValue<byte[]>(0)), SsoSettingsStore.Json);
    }
}
