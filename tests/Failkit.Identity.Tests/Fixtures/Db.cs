using Failkit.Tenancy;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Identity.Tests.Fixtures;

internal static class Db
{
    /// <summary>The cluster's superuser on the tenant's database; it bypasses RLS and triggers' grants.</summary>
    public static async Task<string> SuperuserAsync(TenantDatabase tenant) =>
        new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = tenant.DatabaseName }.ConnectionString;

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return await cmd.ExecuteNonQueryAsync();
    }
}
