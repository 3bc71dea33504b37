using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Failkit.Management.Secrets;

/// <summary>The management secret: 32 random bytes created once, kept in <c>management.secrets</c> as Data Protection
/// ciphertext, never sent anywhere. Plane keys and tenant database passwords are derived from it
/// (docs/decisions/planes-internal-api.md, management-tenant-db-passwords.md).</summary>
public sealed class ManagementSecret(ManagementDatabase db, IDataProtectionProvider dataProtection, TimeProvider time) : IDisposable
{
    private const string Name = "management-secret";

    /// <summary>A new version string would make old ciphertext unreadable on purpose; it changes only with a migration.</summary>
    private const string Purpose = "Failkit.Management.ManagementSecret.v1";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _value;

    /// <summary>The secret, created on first use. Replicas racing to create it insert with ON CONFLICT DO NOTHING and
    /// then all read the one row that won.</summary>
    public async Task<byte[]> GetAsync(CancellationToken ct = default)
    {
        if (_value is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            return _value ??= await LoadOrCreateAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>HMAC-SHA256 of <paramref name="label"/> under the secret: one derived value per purpose and tenant.</summary>
    public async Task<byte[]> DeriveAsync(string label, CancellationToken ct = default) =>
        HMACSHA256.HashData(await GetAsync(ct), System.Text.Encoding.UTF8.GetBytes(label));

    public void Dispose() => _gate.Dispose();

    private async Task<byte[]> LoadOrCreateAsync(CancellationToken ct)
    {
        var protector = dataProtection.CreateProtector(Purpose);
        await using var conn = await db.OpenAsync(ct);
        await using (var insert = Sql.Command(conn, """
            INSERT INTO management.secrets (name, protected_value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING
            """, Name, protector.Protect(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow()))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var read = Sql.Command(conn, "SELECT protected_value FROM management.secrets WHERE name = $1", Name);
        var stored = (byte[])(await read.ExecuteScalarAsync(ct))!;
        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                "The management secret cannot be decrypted: the Data Protection key ring is not the one that protected it.", ex);
        }
    }
}
