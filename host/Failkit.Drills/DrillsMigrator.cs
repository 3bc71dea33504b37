using Failkit.Tenancy;
using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Drills;

/// <summary>Applies the <c>drills</c> schema's migrations to a tenant database as its owner, like
/// <c>ProtectionMigrator</c>; onboarding and a bare host call it.</summary>
public static class DrillsMigrator
{
    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fkdrills" in ASCII).</summary>
    private const long LockKey = 0x666b6472696c6c73;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(DrillsMigrator).Assembly, "drills", LockKey);

    public static IReadOnlyList<string> Known => Scripts.Known;

    public static Task<IReadOnlyList<string>> MigrateAsync(TenantDatabase tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return MigrateAsync(tenant.OwnerConnectionString, ct);
    }

    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }
}
