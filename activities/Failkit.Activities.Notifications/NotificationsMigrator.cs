using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Activities.Notifications;

/// <summary>Creates the <c>notifications</c> schema (the delivery journal) as the database's owner: the management
/// database at start-up, a tenant database with the tenant's other schemas.</summary>
public static class NotificationsMigrator
{
    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fknotify" in ASCII).</summary>
    private const long LockKey = 0x666b6e6f74696679;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(NotificationsMigrator).Assembly, "notifications", LockKey);

    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }
}
