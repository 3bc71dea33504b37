using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Failkit.Management.Ca;

public sealed partial class InternalCa
{
    /// <summary>Data Protection purpose of the root key. A new version string would make old ciphertext unreadable
    /// on purpose, so it changes only together with a key migration.</summary>
    internal const string RootKeyPurpose = "Failkit.Management.InternalCa.RootKey.v1";

    private readonly SemaphoreSlim _rootGate = new(1, 1);
    private CaRoot? _root;

    /// <summary>The root certificate (public part), for pinning by relying parties.</summary>
    public async Task<X509Certificate2> RootCertificateAsync(CancellationToken ct = default) =>
        X509CertificateLoader.LoadCertificate((await RootAsync(ct)).Certificate.RawData);

    /// <summary>Loads the root, creating it on first use. Replicas racing to create it insert with ON CONFLICT DO NOTHING
    /// and then all load the one row that won.</summary>
    private async Task<CaRoot> RootAsync(CancellationToken ct)
    {
        if (_root is { } cached)
        {
            return cached;
        }

        await _rootGate.WaitAsync(ct);
        try
        {
            return _root ??= await LoadOrCreateAsync(ct);
        }
        finally
        {
            _rootGate.Release();
        }
    }

    public void Dispose()
    {
        _root?.Certificate.Dispose();
        _rootGate.Dispose();
    }

    private async Task<CaRoot> LoadOrCreateAsync(CancellationToken ct)
    {
        var protector = dataProtection.CreateProtector(RootKeyPurpose);
        await using var conn = await db.OpenAsync(ct);
        if (await ReadRowAsync(conn, ct) is not { } row)
        {
            var now = time.GetUtcNow();
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Failkit Agent Root CA, O=Failkit", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var cert = request.CreateSelfSigned(now.AddMinutes(-5), now + options.RootCertificateLifetime);
            var protectedKey = protector.Protect(key.ExportPkcs8PrivateKey());
            await using (var insert = Sql.Command(conn, """
                INSERT INTO management.ca_root (id, certificate_pem, protected_key, created_at) VALUES (1, $1, $2, $3)
                ON CONFLICT (id) DO NOTHING
                """, cert.ExportCertificatePem(), protectedKey, now))
            {
                await insert.ExecuteNonQueryAsync(ct);
            }

            row = await ReadRowAsync(conn, ct) ?? throw new InvalidOperationException("the CA root row vanished after it was written");
        }

        using var publicCert = X509Certificate2.CreateFromPem(row.CertificatePem);
        using var rootKey = ECDsa.Create();
        byte[] pkcs8;
        try
        {
            pkcs8 = protector.Unprotect(row.ProtectedKey);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                "The internal CA's root key cannot be decrypted: the Data Protection key ring is not the one that protected it.", ex);
        }

        try
        {
            rootKey.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return new CaRoot(publicCert.CopyWithPrivateKey(rootKey));
    }

    private static async Task<(string CertificatePem, byte[] ProtectedKey)?> ReadRowAsync(Npgsql.NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, "SELECT certificate_pem, protected_key FROM management.ca_root WHERE id = 1");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetFieldValue<byte[]>(1)) : null;
    }
}
