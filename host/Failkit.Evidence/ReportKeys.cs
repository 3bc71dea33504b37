using System.Security.Cryptography;
using System.Text.Json;
using Failkit.Evidence.Format;
using Failkit.Protection;
using Failkit.Tenancy.Audit;
using Failkit.Tenancy.Evidence;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using NSec.Cryptography;

namespace Failkit.Evidence;

/// <summary>The current signing key, opened for one use; dispose it to drop the private key.</summary>
public sealed class SigningKey(Guid id, byte[] publicKey, DateTimeOffset validFrom, Key key) : IDisposable
{
    public Guid Id { get; } = id;

    public byte[] PublicKey { get; } = publicKey;

    public DateTimeOffset ValidFrom { get; } = validFrom;

    public Key Key { get; } = key;

    public string Fingerprint => ReportKeyInfo.FingerprintOf(PublicKey);

    public void Dispose() => Key.Dispose();
}

/// <summary>The tenant's Ed25519 report-signing keys (<c>evidence.signing_keys</c>): the current one, the published
/// document of all of them with their windows, and rotation. Private keys are Data Protection ciphertext under the
/// tenant's own ring, opened only for the moment of signing.</summary>
public sealed class ReportKeys(ProtectionDatabase db, IDataProtectionProvider protection, IAuditTrail audit, EvidenceOptions options, TimeProvider time)
{
    private IDataProtector Protector => protection.CreateProtector(EvidenceSchema.SigningKeyPurpose);

    /// <summary>The current key, inside the caller's transaction. A plane whose onboarding made no key (a bare test or
    /// development plane) gets one here, made as onboarding makes it.</summary>
    public async Task<SigningKey> CurrentAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        if (await ReadCurrentAsync(conn, ct) is { } current)
        {
            return current;
        }

        await CreateAsync(conn, time.GetUtcNow(), ct);
        return await ReadCurrentAsync(conn, ct) ?? throw new InvalidOperationException("The report-signing key vanished after it was written.");
    }

    public async Task<ReportKeySet> KeySetAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, "SELECT id, algorithm, public_key, created_at, retired_at FROM evidence.signing_keys ORDER BY created_at, id");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ReportKeyInfo>();
        while (await r.ReadAsync(ct))
        {
            var raw = r.GetFieldValue<byte[]>(2);
            keys.Add(new ReportKeyInfo(r.GetGuid(0), r.GetString(1), Convert.ToBase64String(raw), ReportKeyInfo.FingerprintOf(raw),
                EvidenceJson.Time(r.GetFieldValue<DateTimeOffset>(3)), r.IsDBNull(4) ? null : EvidenceJson.Time(r.GetFieldValue<DateTimeOffset>(4))));
        }

        return new ReportKeySet(options.TenantId, options.TenantSlug, keys);
    }

    /// <summary>Retires the current key at T and makes a new one valid from T, in one transaction that also holds the
    /// chain's lock (no report is being signed meanwhile) and writes the audit event.</summary>
    public async Task<ReportKeyInfo> RotateAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EvidenceDatabase.ExecuteAsync(conn, "SELECT pg_advisory_xact_lock($1)", ct, ReportChain.LockKey);
        var at = EvidenceDatabase.Microseconds(time.GetUtcNow());
        var old = await EvidenceDatabase.ScalarAsync<Guid?>(conn,
            "UPDATE evidence.signing_keys SET retired_at = $1 WHERE retired_at IS NULL RETURNING id", ct, at);
        var created = await CreateAsync(conn, at, ct);
        await audit.WriteAsync(conn, entry with
        {
            Before = old is null ? null : JsonSerializer.Serialize(new { CurrentKeyId = old }, EvidenceJson.Options),
            After = JsonSerializer.Serialize(new { CurrentKeyId = created.KeyId, created.Fingerprint, created.ValidFrom }, EvidenceJson.Options),
        }, ct);
        await tx.CommitAsync(ct);
        return created;
    }

    private async Task<ReportKeyInfo> CreateAsync(NpgsqlConnection conn, DateTimeOffset at, CancellationToken ct)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var id = Guid.CreateVersion7(at);
        try
        {
            // The unique index on the current key turns a racing second insert into a no-op.
            await EvidenceDatabase.ExecuteAsync(conn, """
                INSERT INTO evidence.signing_keys (id, algorithm, public_key, protected_private_key, created_at)
                VALUES ($1, 'Ed25519', $2, $3, $4) ON CONFLICT DO NOTHING
                """, ct, id, publicKey, Protector.Protect(privateKey), at);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }

        return new ReportKeyInfo(id, ReportSignature.Ed25519, Convert.ToBase64String(publicKey), ReportKeyInfo.FingerprintOf(publicKey), EvidenceJson.Time(at), null);
    }

    private async Task<SigningKey?> ReadCurrentAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = ProtectionDatabase.Command(conn,
            "SELECT id, public_key, protected_private_key, created_at FROM evidence.signing_keys WHERE retired_at IS NULL");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        var privateKey = Protector.Unprotect(r.GetFieldValue<byte[]>(2));
        try
        {
            var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
            return new SigningKey(r.GetGuid(0), r.GetFieldValue<byte[]>(1), r.GetFieldValue<DateTimeOffset>(3), key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}
