using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Failkit.Management.Ca;
using Failkit.Management.Tenants;
using Failkit.Management.Tests.Fixtures;

namespace Failkit.Management.Tests.Ca;

public sealed class InternalCaTests : IAsyncLifetime
{
    private ManagementServices _m = null!;
    private Tenant _tenant = null!;

    private InternalCa Ca => _m.Get<InternalCa>();

    public async ValueTask InitializeAsync()
    {
        _m = await ManagementServices.CreateAsync();
        _tenant = (await _m.Get<TenantRegistry>().CreateAsync("acme", TenantTier.Professional))!;
    }

    public async ValueTask DisposeAsync() => await _m.DisposeAsync();

    [Fact]
    public async Task SignAgentCsr_KeepsOnlyThePublicKey()
    {
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        using (key)
        {
            var issued = await Ca.SignAgentCsrAsync(_tenant.Id, _tenant.Slug, csr);
            using var leaf = X509Certificate2.CreateFromPem(issued.ChainPem);

            Assert.Matches("^CN=agent-[0-9a-f]{16}, O=acme$", leaf.Subject);
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
            Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.Equal("1.3.6.1.5.5.7.3.2", Assert.Single(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>()).Value);
            Assert.InRange((leaf.NotAfter - leaf.NotBefore - TimeSpan.FromMinutes(5)).TotalDays, 364.99, 365.01);
            Assert.Equal(issued.Serial, leaf.SerialNumber);
            Assert.Equal(_tenant.Id, await _m.ScalarAsync<Guid>("SELECT tenant_id FROM management.issued_certificates WHERE serial = $1 AND thumbprint = $2",
                issued.Serial, leaf.GetCertHashString(HashAlgorithmName.SHA256)));

            using var withKey = TlsCertificates.WithKey(leaf, key);
            var check = await Ca.CheckClientCertificateAsync(withKey);
            Assert.Equal((AgentCertificateFailure.None, _tenant.Id, "acme"), (check.Failure, check.TenantId, check.TenantSlug));
        }
    }

    [Fact]
    public async Task TamperedCsr_IsRejected()
    {
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        key.Dispose();
        var der = Convert.FromBase64String(string.Concat(csr.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        der[^5] ^= 0x01;
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);
        await Assert.ThrowsAsync<CsrRejectedException>(() => Ca.SignAgentCsrAsync(_tenant.Id, _tenant.Slug, tampered));
        await Assert.ThrowsAsync<CsrRejectedException>(() => Ca.SignAgentCsrAsync(_tenant.Id, _tenant.Slug, "not a csr"));
    }

    [Fact]
    public async Task RootKey_IsUnreadableWithAnotherKeyRing_AndSharedWithTheSameOne()
    {
        using var root = await Ca.RootCertificateAsync();
        Assert.True(await _m.ScalarAsync<bool>("SELECT length(protected_key) > 100 FROM management.ca_root"));

        await using (var sameRing = await ManagementServices.CreateAsync(_m.ConnectionString, _m.KeyRing))
        {
            using var again = await sameRing.Get<InternalCa>().RootCertificateAsync();
            Assert.Equal(root.Thumbprint, again.Thumbprint);
            var (key, csr) = TlsCertificates.CreateAgentCsr();
            key.Dispose();
            await sameRing.Get<InternalCa>().SignAgentCsrAsync(_tenant.Id, _tenant.Slug, csr);
        }

        await using var otherRing = await ManagementServices.CreateAsync(_m.ConnectionString);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => otherRing.Get<InternalCa>().RootCertificateAsync());
        Assert.Contains("key ring", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_RefusesTheCertificateAndListsItInTheCrl()
    {
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        using (key)
        {
            var issued = await Ca.SignAgentCsrAsync(_tenant.Id, _tenant.Slug, csr);
            using var leaf = TlsCertificates.WithKey(X509Certificate2.CreateFromPem(issued.ChainPem), key);
            Assert.True(await Ca.RevokeAsync(issued.Serial));
            Assert.False(await Ca.RevokeAsync(issued.Serial));
            Assert.Equal(AgentCertificateFailure.Revoked, (await Ca.CheckClientCertificateAsync(leaf)).Failure);

            var crl = await Ca.BuildCrlAsync();
            var serial = Convert.FromHexString(issued.Serial);
            Assert.True(crl.AsSpan().IndexOf(serial) >= 0, "the CRL does not list the revoked serial");
        }
    }

    [Fact]
    public async Task ForeignCertificateWithARegisteredSerial_IsUntrusted()
    {
        var (key, csr) = TlsCertificates.CreateAgentCsr();
        key.Dispose();
        var issued = await Ca.SignAgentCsrAsync(_tenant.Id, _tenant.Slug, csr);
        var (foreignCa, foreignKey) = TlsCertificates.CreateCa("Failkit Agent Root CA");
        using (foreignCa)
        using (foreignKey)
        {
            using var forged = TlsCertificates.IssueForeignClientCertificate(foreignCa, "acme", Convert.FromHexString(issued.Serial));
            Assert.Equal(AgentCertificateFailure.UntrustedChain, (await Ca.CheckClientCertificateAsync(forged)).Failure);
        }
    }
}
