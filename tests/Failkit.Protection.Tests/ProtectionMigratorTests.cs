using Failkit.Protection.Tests.Fixtures;
using Failkit.Tenancy;
using Npgsql;

namespace Failkit.Protection.Tests;

public sealed class ProtectionMigratorTests
{
    [Fact]
    public async Task MigratedTenant_EveryProtectionTableIsUnderForcedRls_AndASecondRunAppliesNothing()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();

        await using (var conn = new NpgsqlConnection(tenant.OwnerConnectionString))
        {
            await conn.OpenAsync();
            var tables = (await TenantDatabaseProvisioner.ReadTablesAsync(conn)).Where(t => t.Schema == "protection").ToList();
            Assert.Equal(["recovery_points", "schema_migrations"], tables.Select(t => t.Name).Order(StringComparer.Ordinal));
            Assert.All(tables, t => Assert.True(t.IsSecured, $"{t.Schema}.{t.Name} is not secured"));
        }

        Assert.Empty(await ProtectionMigrator.MigrateAsync(tenant));
        Assert.Equal((long)ProtectionMigrator.Known.Count,
            await ProtectedTenant.ScalarAsync<long>(tenant.OwnerConnectionString, "SELECT count(*) FROM protection.schema_migrations"));
    }

    [Fact]
    public async Task RecoveryPoints_HaveExactlyTheMetadataColumns()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();

        var columns = await ProtectedTenant.ScalarAsync<string[]>(tenant.OwnerConnectionString, """
            SELECT array_agg(column_name::text ORDER BY column_name) FROM information_schema.columns
            WHERE table_schema = 'protection' AND table_name = 'recovery_points'
            """);

        // Nothing here could hold a block, a key or a free-form document; a new column must be argued for here.
        Assert.Equal(
            ["block_count", "bytes_changed", "bytes_scanned", "bytes_uploaded", "certificate_serial", "disk", "id", "manifest_sha256",
             "point_id", "point_time", "received_at", "rpo_observed_seconds", "tenant_id"],
            columns);
    }
}
