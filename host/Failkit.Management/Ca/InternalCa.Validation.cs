using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Failkit.Management.Ca;

public sealed partial class InternalCa
{
    /// <summary>The check behind mTLS on agent endpoints: the certificate chains to this CA's root, is a client
    /// certificate valid now, is in the register with the same thumbprint, is not revoked, and its tenant is active.
    /// The tenant comes from the register, never from anything the client says.</summary>
    public async Task<AgentCertificateCheck> CheckClientCertificateAsync(X509Certificate2? certificate, CancellationToken ct = default)
    {
        var check = await CheckCoreAsync(certificate, ct);
        if (!check.Accepted)
        {
            log.LogWarning("Agent client certificate refused ({Reason}), serial {Serial}", check.Failure, check.Serial ?? "-");
        }

        return check;
    }

    /// <summary>A signed CRL of every revoked certificate that has not expired yet, for relying parties that want one.</summary>
    public async Task<byte[]> BuildCrlAsync(CancellationToken ct = default)
    {
        var root = await RootAsync(ct);
        var now = time.GetUtcNow();
        var builder = new CertificateRevocationListBuilder();
        await using (var conn = await db.OpenAsync(ct))
        await using (var cmd = Sql.Command(conn,
            "SELECT serial, revoked_at FROM management.issued_certificates WHERE revoked_at IS NOT NULL AND not_after > $1", now))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                builder.AddEntry(Convert.FromHexString(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1));
            }
        }

        // The CRL number must grow; seconds since the epoch do, across replicas, without shared state.
        return builder.Build(root.Certificate, new BigInteger(now.ToUnixTimeSeconds()), now.AddHours(1), HashAlgorithmName.SHA256, thisUpdate: now);
    }

    private async Task<AgentCertificateCheck> CheckCoreAsync(X509Certificate2? certificate, CancellationToken ct)
    {
        if (certificate is null)
        {
            return AgentCertificateCheck.Refused(AgentCertificateFailure.Missing);
        }

        var serial = certificate.SerialNumber;
        var root = await RootAsync(ct);
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root.Certificate);
            // Revocation is answered by the register below, which is current to the last transaction.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
            chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
            if (!chain.Build(certificate) || chain.ChainElements.Count != 2
                || !chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(root.Certificate.RawDataMemory.Span))
            {
                return AgentCertificateCheck.Refused(AgentCertificateFailure.UntrustedChain, serial);
            }
        }

        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, """
            SELECT c.tenant_id, n.slug, n.status, c.thumbprint, c.revoked_at
            FROM management.issued_certificates c JOIN management.tenants n ON n.id = c.tenant_id
            WHERE c.serial = $1
            """, serial);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.GetString(3) != certificate.GetCertHashString(HashAlgorithmName.SHA256))
        {
            return AgentCertificateCheck.Refused(AgentCertificateFailure.NotInRegister, serial);
        }

        if (!reader.IsDBNull(4))
        {
            return AgentCertificateCheck.Refused(AgentCertificateFailure.Revoked, serial);
        }

        if (reader.GetString(2) != "Active")
        {
            return AgentCertificateCheck.Refused(AgentCertificateFailure.TenantInactive, serial);
        }

        return new AgentCertificateCheck(reader.GetGuid(0), reader.GetString(1), serial, AgentCertificateFailure.None);
    }
}
