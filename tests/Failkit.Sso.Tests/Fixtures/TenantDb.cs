using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Sso.Tests.Fixtures;

/// <summary>A real tenant database, provisioned the way onboarding does it, with the SSO migrations run as the
/// owner and the tables secured again afterwards (as the integrator will do with every tenant migration).</summary>
internal static class TenantDb
{
    public static async Task<TenantDatabase> ProvisionAsync(string prefix = "sso")
    {
        var slug = TenantSlug.Parse($"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        var tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
        await SsoDatabase.MigrateAsync(tenant.OwnerConnectionString);
        await TenantDatabaseProvisioner.SecureTablesAsync(tenant);
        return tenant;
    }

    /// <summary>The cluster's superuser on the tenant database: it bypasses RLS and sees the raw rows.</summary>
    public static async Task<string> SuperuserAsync(TenantDatabase tenant) =>
        new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = tenant.DatabaseName }.ConnectionString;

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
