using System.Security.Cryptography.X509Certificates;

namespace Failkit.Management.Ca;

/// <summary>A certificate the CA signed: its register entry and the PEM chain (leaf first, then the root).</summary>
public sealed record IssuedCertificate(string Serial, Guid TenantId, string Subject, string Thumbprint,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, string ChainPem);

/// <summary>A CSR the CA refuses to sign: bad PEM, a bad self-signature or a key type it does not accept.</summary>
public sealed class CsrRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Why a client certificate was refused, for logs; the client gets one generic message.</summary>
public enum AgentCertificateFailure
{
    None,
    Missing,
    UntrustedChain,
    NotInRegister,
    Revoked,
    TenantInactive,
}

/// <summary>The outcome of checking an agent's client certificate: the tenant it belongs to according to the
/// register, or why it was refused.</summary>
public sealed record AgentCertificateCheck(Guid? TenantId, string? TenantSlug, string? Serial, AgentCertificateFailure Failure)
{
    public bool Accepted => Failure == AgentCertificateFailure.None;

    internal static AgentCertificateCheck Refused(AgentCertificateFailure failure, string? serial = null) => new(null, null, serial, failure);
}

/// <summary>The root in memory: the certificate with its private key attached.</summary>
internal sealed record CaRoot(X509Certificate2 Certificate);
