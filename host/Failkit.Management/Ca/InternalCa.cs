using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Failkit.Management.Ca;

/// <summary>
/// The management plane's certificate authority for agent client certificates. Its root key lives in the
/// management database as Data Protection ciphertext; every certificate it signs is recorded in the register,
/// which is also what revocation and the mTLS check consult.
/// </summary>
public sealed partial class InternalCa(
    ManagementDatabase db, IDataProtectionProvider dataProtection, ManagementOptions options, TimeProvider time, ILogger<InternalCa> log) : IDisposable
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>Signs an agent's CSR for a tenant. Only the CSR's public key is used: its subject and any requested
    /// extensions are ignored, and the CA sets its own.</summary>
    public async Task<IssuedCertificate> SignAgentCsrAsync(Guid tenantId, string tenantSlug, string csrPem, CancellationToken ct = default)
    {
        var publicKey = ReadCsrPublicKey(csrPem);
        var root = await RootAsync(ct);
        var now = time.GetUtcNow();
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"agent-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        subject.AddOrganizationName(tenantSlug);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root.Certificate, true, false));

        // Five minutes back for clock skew between the plane and the agent; never beyond the root's own validity.
        var notBefore = now.AddMinutes(-5);
        var notAfter = now + options.AgentCertificateLifetime;
        if (notAfter > root.Certificate.NotAfter)
        {
            notAfter = root.Certificate.NotAfter.ToUniversalTime();
        }

        // 16 random bytes with the top bit clear: a positive DER integer, unguessable, and collisions are left to the
        // register's primary key rather than to a counter replicas would have to share.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7f) | 0x01);
        using var leaf = request.Create(root.Certificate, notBefore, notAfter, serial);
        var issued = new IssuedCertificate(leaf.SerialNumber, tenantId, leaf.Subject, leaf.GetCertHashString(HashAlgorithmName.SHA256),
            notBefore, notAfter, leaf.ExportCertificatePem() + "\n" + root.Certificate.ExportCertificatePem() + "\n");

        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, """
            INSERT INTO management.issued_certificates (serial, tenant_id, subject, thumbprint, not_before, not_after, issued_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, issued.Serial, tenantId, issued.Subject, issued.Thumbprint, notBefore, notAfter, now);
        await cmd.ExecuteNonQueryAsync(ct);
        log.LogInformation("Issued agent certificate {Serial} ({Subject}) for tenant {TenantId}", issued.Serial, issued.Subject, tenantId);
        return issued;
    }

    /// <summary>Revokes a certificate by serial; returns false when the serial is unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(string serial, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn,
            "UPDATE management.issued_certificates SET revoked_at = $2 WHERE serial = $1 AND revoked_at IS NULL", serial, time.GetUtcNow());
        var revoked = await cmd.ExecuteNonQueryAsync(ct) == 1;
        if (revoked)
        {
            log.LogInformation("Revoked agent certificate {Serial}", serial);
        }

        return revoked;
    }

    /// <summary>Parses the CSR and checks its self-signature (proof that the requester holds the private key).</summary>
    internal static PublicKey ReadCsrPublicKey(string csrPem)
    {
        CertificateRequest csr;
        try
        {
            // Default options verify the signature and do not load the requested extensions at all.
            csr = CertificateRequest.LoadSigningRequestPem(csrPem ?? "", HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CsrRejectedException("the CSR is not a well-formed, correctly self-signed PKCS#10 request", ex);
        }

        var key = csr.PublicKey;
        if (key.GetECDsaPublicKey() is { } ec)
        {
            using (ec)
            {
                if (ec.KeySize is 256 or 384)
                {
                    return key;
                }
            }
        }
        else if (key.GetRSAPublicKey() is { } rsa)
        {
            using (rsa)
            {
                if (rsa.KeySize >= 2048)
                {
                    return key;
                }
            }
        }

        throw new CsrRejectedException("the CSR's key must be ECDSA P-256/P-384 or RSA of at least 2048 bits");
    }
}
