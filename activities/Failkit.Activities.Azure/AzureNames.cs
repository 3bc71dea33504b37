using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Failkit.Activities.Azure;

/// <summary>Deterministic resource names: the same idempotency key always names the same disk, NIC and VM, so a
/// retried PUT updates what the first attempt created instead of making a second one.</summary>
internal static partial class AzureNames
{
    public static string For(string kind, string vmName, string idempotencyKey)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..16];
        var readable = Unsafe().Replace(vmName.ToLowerInvariant(), "-").Trim('-');
        readable = readable.Length > 24 ? readable[..24].TrimEnd('-') : readable;
        return readable.Length == 0 ? $"fk-{kind}-{hash}" : $"fk-{kind}-{readable}-{hash}";
    }

    /// <summary>A stable id for the VHD footer, so a re-upload of the same disk writes the same bytes.</summary>
    public static Guid StableGuid(string idempotencyKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey))[..16]);

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex Unsafe();
}
