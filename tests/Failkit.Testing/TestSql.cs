using Npgsql;

namespace Failkit.Testing;

/// <summary>One parameterised statement on its own connection ($1, $2... bound in order): how tests read and write
/// the database behind the code under test.</summary>
public static class TestSql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        return await ScalarAsync<T>(conn, sql, args);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, params object[] args)
    {
        await using var cmd = Command(conn, sql, args);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = Command(conn, sql, args);
        return await cmd.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, object[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return cmd;
    }
}
