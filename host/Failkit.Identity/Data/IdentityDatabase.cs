using Npgsql;

namespace Failkit.Identity.Data;

/// <summary>The tenant database as the plane's application role. The connection string is already scoped to the
/// tenant (TenantConnectionStrings.Scope), so every statement runs under the tenant's RLS policy.</summary>
public sealed class IdentityDatabase(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public string ConnectionString { get; } = connectionString;

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => _source.OpenConnectionAsync(ct);

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] args)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, sql, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        await using var conn = await OpenAsync(ct);
        return await QueryAsync(conn, sql, map, ct, args);
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlConnection conn, string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(conn, sql, args);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A command with positional parameters ($1, $2...); null becomes DBNull.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return cmd;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
