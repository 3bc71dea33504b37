using Failkit.Tenancy;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Protection.Tests.Fixtures;

/// <summary>A tenant provisioned by the real <see cref="TenantDatabaseProvisioner"/> on the test cluster, with the
/// protection migrations applied the way onboarding will run them (as the owner, then the tables secured).</summary>
public static class ProtectedTenant
{
    public static async Task<TenantDatabase> ProvisionAsync(string prefix = "prot")
    {
        var slug = TenantSlug.Parse($"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        var tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
        await ProtectionMigrator.MigrateAndSecureAsync(tenant);
        return tenant;
    }

    /// <summary>The cluster's superuser on the tenant's database; it bypasses RLS, so it sees every row.</summary>
    public static async Task<string> SuperuserAsync(TenantDatabase tenant) =>
        new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = tenant.DatabaseName }.ConnectionString;

    /// <summary>The app role's connection string without the tenant scope.</summary>
    public static string Unscoped(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Options = null }.ConnectionString;

    public static Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args) =>
        TestSql.ScalarAsync<T>(connectionString, sql, args);

    /// <summary>A report as the management plane forwards it.</summary>
    public static RecoveryPointReport Report(string pointId = "20261129T010000Z-abc123", string disk = "vm1/disk0", DateTimeOffset? pointTime = null) => new(
        disk, pointId, pointTime ?? new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), 8 << 20, 1 << 20, (1 << 20) + 28, 8,
        new string('a', 64), 42.5, "0A1B2C3D4E5F", new DateTimeOffset(2026, 11, 29, 1, 0, 5, TimeSpan.Zero));
}
