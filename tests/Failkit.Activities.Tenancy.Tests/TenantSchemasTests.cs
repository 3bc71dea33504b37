using Failkit.Drills;
using Failkit.Tenancy;
using Failkit.Testing;

namespace Failkit.Activities.Tenancy.Tests;

/// <summary>A tenant onboarded by an older build (here: without the drills schema) is brought to this build's schemas,
/// secured, when the management plane restores its plane.</summary>
public sealed class TenantSchemasTests
{
    [Fact]
    public async Task Upgrade_OfATenantWithoutTheDrillsSchema_AddsItSecured_AndIsIdempotent()
    {
        var slug = TenantSlug.Parse(Onboarding.NewSlug());
        var tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(tenant.OwnerConnectionString, "SELECT count(*) FROM pg_namespace WHERE nspname = 'drills'"));

        var upgrade = new TenantSchemas();
        await upgrade.UpgradeAsync(tenant, CancellationToken.None);
        await upgrade.UpgradeAsync(tenant, CancellationToken.None);

        Assert.Equal(DrillsMigrator.Known.Count, await TestSql.ScalarAsync<long>(tenant.OwnerConnectionString, "SELECT count(*) FROM drills.schema_migrations"));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(tenant.OwnerConnectionString, """
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'drills' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND has_table_privilege($1, c.oid, 'SELECT'))
            """, slug.AppRole));
        // The app role can use the new tables, scoped to its tenant.
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(tenant.AppConnectionString, "SELECT count(*) FROM drills.drills"));
    }
}
