using Failkit.Tenancy;
using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Protection;

/// <summary>Applies the <c>protection</c> schema's migrations to a tenant database. The provisioner calls it from
/// <c>TenantDatabaseProvisioner.MigrateAsync</c>, as the owner, before <c>SecureTablesAsync</c> grants the app role.</summary>
public static class ProtectionMigrator
{
    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fkprotmg" in ASCII).</summary>
    private const long LockKey = 0x666b70726f746d67;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(ProtectionMigrator).Assembly, "protection", LockKey);

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known => Scripts.Known;

    /// <summary>Migrates as the tenant's owner over its scoped connection string (the ledger is under forced RLS
    /// once secured, so an unscoped owner would see it empty and re-run everything).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(TenantDatabase tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await using var conn = new NpgsqlConnection(tenant.OwnerConnectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }
}
