using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Identity.Schema;

/// <summary>Applies the <c>identity</c> schema's embedded migrations (<see cref="EmbeddedSqlMigrator"/>). Run by
/// <c>TenantDatabaseProvisioner.MigrateAsync</c> as the tenant's owner, and at start-up by a bare single-tenant host.</summary>
public static class IdentityMigrator
{
    /// <summary>The advisory lock key of the migrator ("fkidmig" in ASCII).</summary>
    private const long LockKey = 0x666b69646d6967;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(IdentityMigrator).Assembly, "identity", LockKey);

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known => Scripts.Known;

    /// <summary>Applies pending migrations and returns the names it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }
}
