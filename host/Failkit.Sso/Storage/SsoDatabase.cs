using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Sso.Storage;

/// <summary>Connections to the tenant database for the SSO tables (schema <c>sso</c>). The application role never
/// migrates: the integrator runs <see cref="MigrateAsync"/> as the owner with the other tenant migrations.</summary>
public sealed class SsoDatabase(SsoOptions options) : IAsyncDisposable
{
    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fkssomig" in ASCII).</summary>
    private const long LockKey = 0x666b73736f6d6967;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(SsoDatabase).Assembly, "sso", LockKey);

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(options.ConnectionString);

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known => Scripts.Known;

    /// <summary>Applies pending migrations over a connection of a role that may create schemas (the tenant's owner,
    /// scoped) and returns the names it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ownerConnectionString);
        await conn.OpenAsync(ct);
        return await Scripts.MigrateAsync(conn, ct);
    }

    internal ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => _dataSource.OpenConnectionAsync(ct);

    internal static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params object[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return cmd;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
