using Failkit.Management.Tests.Fixtures;
using Failkit.Testing;

namespace Failkit.Management.Tests;

public sealed class ManagementDatabaseTests
{
    [Fact]
    public async Task TwoMigratorsTogether_ApplyEachMigrationOnce()
    {
        var cs = await TestPostgres.CreateDatabaseAsync("mgmt");
        await using var one = new ManagementDatabase(new ManagementOptions { ConnectionString = cs });
        await using var two = new ManagementDatabase(new ManagementOptions { ConnectionString = cs });
        var ran = await Task.WhenAll(one.MigrateAsync(), two.MigrateAsync());
        Assert.Equal(ManagementDatabase.Known, ran.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Empty(await one.MigrateAsync());
    }

    [Fact]
    public async Task AgentReportsTable_HasOnlyMetadataColumns()
    {
        await using var m = await ManagementServices.CreateAsync();
        await m.Get<ManagementDatabase>().MigrateAsync();

        var columns = await m.ScalarAsync<string>("""
            SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns
            WHERE table_schema = 'management' AND table_name = 'agent_reports'
            """);
        Assert.Equal(
            "block_count,bytes_changed,bytes_scanned,bytes_uploaded,certificate_serial,disk,forward_rejected_status,forwarded_at,id,manifest_sha256,point_id,point_time,received_at,rpo_observed_seconds,tenant_id",
            columns);
    }
}
