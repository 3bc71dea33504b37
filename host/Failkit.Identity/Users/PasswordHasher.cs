using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Users;

/// <summary>bcrypt at the configured cost (12 in production). <see cref="VerifyUnknown"/> burns the same work
/// against a dummy hash, so a login with an unknown email takes as long as one with a known email.</summary>
public sealed class PasswordHasher(IOptions<IdentityOptions> options)
{
    private readonly Lazy<string> _dummy = new(() =>
        BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), options.Value.BcryptWorkFactor));

    /// <summary>How many hashes were checked; tests use it to prove the unknown-user path hashes too.</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    private long _verifications;

    /// <summary>Computes the dummy hash now rather than on the first unknown-email login.</summary>
    public void PrepareDummy() => _ = _dummy.Value;

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    public bool Verify(string password, string? hash)
    {
        Interlocked.Increment(ref _verifications);
        if (string.IsNullOrEmpty(hash))
        {
            // SSO-only or invited users have no password: do the same work and fail.
            BCrypt.Net.BCrypt.Verify(password, _dummy.Value);
            return false;
        }

        return BCrypt.Net.BCrypt.Verify(password, hash);
    }

    public void VerifyUnknown(string password)
    {
        Interlocked.Increment(ref _verifications);
        BCrypt.Net.BCrypt.Verify(password, _dummy.Value);
    }
}
