using System.Security.Cryptography;
using System.Text;

namespace Failkit.Activities.Gcp;

/// <summary>Deterministic names and request ids: a step retried after a crash computes the same ones, so GCE's
/// <c>requestId</c> dedup (and, past its window, the name clash) stops a second resource.</summary>
public static class GcpNames
{
    /// <summary>A UUID derived from the idempotency key (GCE accepts only UUIDs as <c>requestId</c>).</summary>
    public static string RequestId(string purpose, string idempotencyKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"failkit:{purpose}:{idempotencyKey}"), hash);
        var bytes = hash[..16];
        // RFC 9562 name-based layout (version 8, custom hash) so the value is a well-formed UUID.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>A valid GCE resource name (<c>[a-z]([-a-z0-9]{0,61}[a-z0-9])?</c>) that still reads as the VM.</summary>
    public static string Resource(string vmName, string idempotencyKey)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..10];
        var vm = Label(vmName).Replace('_', '-').Trim('-');
        if (vm.Length > 40)
        {
            vm = vm[..40].TrimEnd('-');
        }

        return vm.Length == 0 ? $"fk-{hash}" : $"fk-{vm}-{hash}";
    }

    /// <summary>A label key or value: lowercase letters, digits, '-' and '_', at most 63 characters.</summary>
    public static string Label(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' ? c : '-');
        }

        return builder.Length > 63 ? builder.ToString(0, 63) : builder.ToString();
    }

    /// <summary>Where a drill's image tarballs are staged in the bucket; teardown deletes the whole prefix.</summary>
    public static string StagingPrefix(string drillTagValue) => $"failkit-drills/{Label(drillTagValue)}/";
}
