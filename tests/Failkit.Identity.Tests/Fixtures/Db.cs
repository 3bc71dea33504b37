using Failkit.Tenancy;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Identity.Tests.Fixtures;

internal static class Db
{
    /// <summary>The cluster's superuser on the tenant's database; it bypasses RLS and triggers' grants.</summary>
    public static async Task<string> SuperuserAsync(TenantDatabase tenant) =>
        new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = tenant.DatabaseName }.ConnectionString;

    public static Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args) =>
        TestSql.ScalarAsync<T>(connectionString, sql, args);

    public static Task<int> ExecuteAsync(string connectionString, string sql, params object[] args) =>
        TestSql.ExecuteAsync(connectionString, sql, args);
}
