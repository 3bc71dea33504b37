using System.Security.Cryptography;
using System.Text;

namespace Failkit.Activities.Aws;

/// <summary>Turns a drill step's idempotency key into the tokens and names AWS deduplicates on.</summary>
internal static class ClientTokens
{
    private const int Ec2Limit = 64;

    /// <summary>EC2 and EBS accept up to 64 printable ASCII characters; longer or non-ASCII keys are hashed, so the
    /// same key always maps to the same token.</summary>
    public static string For(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return idempotencyKey.Length <= Ec2Limit && idempotencyKey.All(c => c is > ' ' and < (char)127)
            ? idempotencyKey
            : Hash(idempotencyKey);
    }

    /// <summary>AMI names are unique per account and region, which makes the name the dedupe key of RegisterImage.</summary>
    public static string ImageName(string idempotencyKey) => "failkit-" + Hash(idempotencyKey)[..40];

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
