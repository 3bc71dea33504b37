using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Failkit.Management.Tokens;

/// <summary>
/// Short-lived, single-use bootstrap tokens bound to a tenant and a purpose. Single use is enforced by one
/// conditional UPDATE in the database, so a replay and two concurrent redemptions cannot both win.
/// </summary>
public sealed class BootstrapTokens(ManagementDatabase db, ManagementOptions options, TimeProvider time, ILogger<BootstrapTokens> log)
{
    /// <summary>Mints a token for an active tenant and returns the plain token, the only time it exists.</summary>
    public async Task<MintedToken?> MintAsync(Guid tenantId, BootstrapTokenPurpose purpose, CancellationToken ct = default)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var minted = new MintedToken(Guid.CreateVersion7(now), tenantId, purpose, token, now + options.BootstrapTokenLifetime);
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, """
            INSERT INTO management.bootstrap_tokens (id, tenant_id, purpose, token_hash, created_at, expires_at)
            SELECT $1, id, $3, $4, $5, $6 FROM management.tenants WHERE id = $2 AND status = 'Active'
            """, minted.Id, tenantId, Name(purpose), Hash(token), now, minted.ExpiresAt);
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? minted : null;
    }

    /// <summary>Redeems a token presented for <paramref name="tenantId"/> (the tenant plane knows its tenant).</summary>
    public Task<TokenRedemption> RedeemAsync(Guid tenantId, string token, BootstrapTokenPurpose purpose, CancellationToken ct = default) =>
        RedeemCoreAsync(tenantId, token, purpose, ct);

    /// <summary>Redeems a token whose row names the tenant (agent enrollment sends the token alone).</summary>
    public Task<TokenRedemption> RedeemAsync(string token, BootstrapTokenPurpose purpose, CancellationToken ct = default) =>
        RedeemCoreAsync(null, token, purpose, ct);

    private async Task<TokenRedemption> RedeemCoreAsync(Guid? tenantId, string token, BootstrapTokenPurpose purpose, CancellationToken ct)
    {
        var hash = Hash(token ?? "");
        var now = time.GetUtcNow();
        await using var conn = await db.OpenAsync(ct);
        // The WHERE clause is the whole check; "used_at IS NULL" makes the row lock decide between concurrent callers.
        await using (var cmd = Sql.Command(conn, """
            UPDATE management.bootstrap_tokens t SET used_at = $1
            WHERE t.token_hash = $2 AND t.purpose = $3 AND t.used_at IS NULL AND t.expires_at > $1
              AND ($4::uuid IS NULL OR t.tenant_id = $4)
              AND EXISTS (SELECT 1 FROM management.tenants n WHERE n.id = t.tenant_id AND n.status = 'Active')
            RETURNING t.tenant_id
            """, now, hash, Name(purpose), tenantId))
        {
            if (await cmd.ExecuteScalarAsync(ct) is Guid redeemed)
            {
                return new TokenRedemption(redeemed, TokenFailure.None);
            }
        }

        var failure = await ClassifyAsync(conn, hash, tenantId, purpose, now, ct);
        log.LogWarning("Bootstrap token refused ({Reason}) for purpose {Purpose}", failure, purpose);
        return new TokenRedemption(null, failure);
    }

    /// <summary>Works out why the UPDATE matched nothing. It only reads, so it cannot undo the single-use rule.</summary>
    private static async Task<TokenFailure> ClassifyAsync(
        NpgsqlConnection conn, byte[] hash, Guid? tenantId, BootstrapTokenPurpose purpose, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, """
            SELECT t.tenant_id, t.purpose, t.expires_at, t.used_at, n.status
            FROM management.bootstrap_tokens t JOIN management.tenants n ON n.id = t.tenant_id
            WHERE t.token_hash = $1
            """, hash);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return TokenFailure.Unknown;
        }

        if (tenantId is { } expected && reader.GetGuid(0) != expected)
        {
            return TokenFailure.WrongTenant;
        }

        if (reader.GetString(1) != Name(purpose))
        {
            return TokenFailure.WrongPurpose;
        }

        if (!reader.IsDBNull(3))
        {
            return TokenFailure.Used;
        }

        if (reader.GetFieldValue<DateTimeOffset>(2) <= now)
        {
            return TokenFailure.Expired;
        }

        return reader.GetString(4) != "Active" ? TokenFailure.TenantInactive : TokenFailure.Unknown;
    }

    // The token carries 256 random bits, so a fast unsalted hash is enough: there is nothing to brute-force.
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Name(BootstrapTokenPurpose purpose) => purpose == BootstrapTokenPurpose.Owner ? "owner" : "agent";
}
