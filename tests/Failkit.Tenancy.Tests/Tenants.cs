using Failkit.Testing;
using Npgsql;

namespace Failkit.Tenancy.Tests;

/// <summary>Provisions a tenant with a fresh slug on the test cluster, so no test sees another's data.</summary>
internal static class Tenants
{
    public static async Task<TenantDatabase> ProvisionAsync(string prefix = "acme")
    {
        var slug = TenantSlug.Parse($"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        return await Provisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
    }

    public static TenantDatabaseProvisioner Provisioner(string admin) => new(admin);

    /// <summary>The cluster's superuser on the tenant's database; it bypasses RLS, so it sees every row.</summary>
    public static async Task<string> SuperuserAsync(TenantDatabase tenant) =>
        new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = tenant.DatabaseName }.ConnectionString;

    /// <summary>The app role's connection string without the tenant scope.</summary>
    public static string Unscoped(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Options = null }.ConnectionString;
}

internal static class Db
{
    public static Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args) =>
        TestSql.ScalarAsync<T>(connectionString, sql, args);

    public static Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, params object[] args) =>
        TestSql.ScalarAsync<T>(conn, sql, args);

    public static Task<int> ExecuteAsync(string connectionString, string sql, params object[] args) =>
        TestSql.ExecuteAsync(connectionString, sql, args);

    /// <summary>A work row: the smallest workflow table to write, and it names no tenant_id.</summary>
    public const string InsertWork = "INSERT INTO workflows.work (instance_id, kind, due_at) VALUES ($1, 'Start', now())";
}
