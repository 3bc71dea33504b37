using System.Security.Cryptography;

namespace Failkit.Tenancy;

/// <summary>The passwords of a tenant's two roles. The onboarding generates them once and keeps them (encrypted)
/// with its state, so a resumed onboarding hands the same ones back and the connection strings stay valid.</summary>
public sealed record TenantPasswords(string Owner, string App)
{
    public static TenantPasswords Generate() => new(NewPassword(), NewPassword());

    /// <summary>32 random bytes as hex: 256 bits, and nothing that needs quoting in SQL or a connection string.</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
