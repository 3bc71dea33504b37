using Failkit.Tenancy;
using Npgsql;

namespace Failkit.Protection;

/// <summary>Connections to the tenant database as the application role. The connection string must be scoped to the
/// tenant (<see cref="TenantConnectionStrings.Scope"/>): row-level security then does the tenant filtering, and a
/// string that forgot the scope reads nothing and writes nothing.</summary>
public sealed class ProtectionDatabase(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => _dataSource.OpenConnectionAsync(ct);

    public static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params object?[] values)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return cmd;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
