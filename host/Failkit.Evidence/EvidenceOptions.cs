using System.Security.Cryptography;
using System.Text;

namespace Failkit.Evidence;

/// <summary>Which tenant the plane signs for, and the evidence module's timings.</summary>
public sealed class EvidenceOptions
{
    public const int DefaultRetentionDays = 365;

    /// <summary>Seven years, counted as 2557 days (two leap days in any seven-year span).</summary>
    public const int EnterpriseRetentionDays = 2557;

    /// <summary>Raw probe outputs go into the manifest cut to this many characters, marked as trimmed.</summary>
    public const int ProbeOutputLimit = 1024;

    public Guid TenantId { get; set; }

    public string TenantSlug { get; set; } = "tenant";

    /// <summary>The plane's tier (<c>Failkit:Tenant:Tier</c>); Enterprise keeps evidence for seven years by default.</summary>
    public string Tier { get; set; } = "Professional";

    /// <summary>How often the backstop looks for finished drills without a report.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int DefaultRetention => string.Equals(Tier, "Enterprise", StringComparison.OrdinalIgnoreCase) ? EnterpriseRetentionDays : DefaultRetentionDays;

    /// <summary>The tenant id as the evidence files spell it. The management plane hands out GUIDs; a plane configured
    /// with another string (a bare test plane) gets a stable name-based GUID, so its files still parse.</summary>
    public static Guid TenantIdOf(string? configured)
    {
        if (Guid.TryParse(configured, out var id))
        {
            return id;
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("failkit-tenant:" + configured))[..16];
        // RFC 9562 version 8 (custom) with the RFC variant bits, so it reads as a well-formed UUID.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>The authorization policy names the host maps each kind of endpoint to.</summary>
public sealed record EvidencePolicies(string Read, string Owner);
