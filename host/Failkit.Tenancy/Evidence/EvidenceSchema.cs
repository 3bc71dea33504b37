using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Tenancy.Evidence;

/// <summary>The <c>evidence</c> schema of a tenant database (report-signing keys), and the names both planes use for
/// the key that protects a tenant's private signing key.</summary>
public static class EvidenceSchema
{
    /// <summary>Data Protection purpose of the private signing key. A new version string would make old ciphertext
    /// unreadable on purpose, so it changes only together with a key migration.</summary>
    public const string SigningKeyPurpose = "Failkit.Evidence.ReportSigningKey.v1";

    /// <summary>Where a tenant plane finds its own key ring (set by the orchestrator).</summary>
    public const string KeyRingDirectoryKey = "Failkit:Tenant:KeyRingDirectory";

    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fkevmig" in ASCII).</summary>
    private const long LockKey = 0x666b65766d6967;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(EvidenceSchema).Assembly, "evidence", LockKey);

    /// <summary>The Data Protection application name of a tenant's key ring: rings of different tenants never
    /// share keys, and a ring protects nothing for another application name.</summary>
    public static string KeyRingApplicationName(TenantSlug slug) => "failkit-tenant-" + slug?.Value;

    /// <summary>Applies the evidence migrations as the tenant database's owner.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }
}
