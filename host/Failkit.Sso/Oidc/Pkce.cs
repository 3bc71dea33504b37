using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Failkit.Sso.Oidc;

/// <summary>Random values for a login: state, nonce, the PKCE verifier (RFC 7636, S256) and the browser binding.</summary>
internal static class Pkce
{
    /// <summary>32 random bytes, base64url: 43 characters, within RFC 7636's 43–128 for a verifier.</summary>
    public static string RandomValue() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static bool FixedTimeEquals(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
