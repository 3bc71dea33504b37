using Failkit.Tenancy;
using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Protection;

/// <summary>Applies the <c>protection</c> schema's migrations to a tenant database, as the owner, before
/// <c>TenantDatabaseProvisioner.SecureTablesAsync</c> grants the app role. Failkit.Tenancy cannot call it (this project
/// references Tenancy for the plane-key filter), so whoever provisions a tenant calls
/// <see cref="MigrateAndSecureAsync"/> right after <c>ProvisionAsync</c>.</summary>
public static class ProtectionMigrator
{
    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fkprotmg" in ASCII).</summary>
    private const long LockKey = 0x666b70726f746d67;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(ProtectionMigrator).Assembly, "protection", LockKey);

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known => Scripts.Known;

    /// <summary>Migrates as the tenant's owner over its scoped connection string (the ledger is under forced RLS
    /// once secured, so an unscoped owner would see it empty and re-run everything).</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(TenantDatabase tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return MigrateAsync(tenant.OwnerConnectionString, ct);
    }

    /// <summary>Migrates over a connection string that may change the schema (the owner's, scoped).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }

    /// <summary>Migrates, then re-runs the provisioner's securing step so the new tables get the app role's grants
    /// (it leaves tables already secured alone). Idempotent, like every onboarding step.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAndSecureAsync(TenantDatabase tenant, CancellationToken ct = default)
    {
        var ran = await MigrateAsync(tenant, ct);
        await TenantDatabaseProvisioner.SecureTablesAsync(tenant, ct);
        return ran;
    }
}
