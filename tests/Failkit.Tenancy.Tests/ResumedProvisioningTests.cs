using Failkit.Testing;
using Npgsql;

namespace Failkit.Tenancy.Tests;

public sealed class ResumedProvisioningTests
{
    [Fact]
    public async Task OnboardingThatCrashedAfterCreatingTheDatabase_ResumesToAFullySecuredDatabase()
    {
        var admin = await TestPostgres.AdminConnectionStringAsync();
        var provisioner = Tenants.Provisioner(admin);
        var slug = TenantSlug.Parse($"crash-{Guid.NewGuid():N}"[..18]);
        var passwords = TenantPasswords.Generate();
        await provisioner.EnsureRolesAsync(slug, passwords);
        await provisioner.EnsureDatabaseAsync(slug);

        var tenant = await provisioner.ProvisionAsync(slug, passwords);

        await using var conn = new NpgsqlConnection(await Tenants.SuperuserAsync(tenant));
        await conn.OpenAsync();
        Assert.All(await TenantDatabaseProvisioner.ReadTablesAsync(conn), t => Assert.True(t.IsSecured, t.ToString()));
    }

    [Fact]
    public async Task TableAddedByALaterMigration_IsSecuredOnTheNextRun_AndItsRowsStampedWithTheTenant()
    {
        var tenant = await Tenants.ProvisionAsync("later");
        // What a later module's migration does as the owner: a table of its own, with rows, in a new schema.
        await Db.ExecuteAsync(tenant.OwnerConnectionString, """
            CREATE SCHEMA drills;
            CREATE TABLE drills.runs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
            INSERT INTO drills.runs (name) VALUES ('first'), ('second');
            """);

        await TenantDatabaseProvisioner.SecureTablesAsync(tenant);

        Assert.Equal(2L, await Db.ScalarAsync<long>(tenant.AppConnectionString, "SELECT count(*) FROM drills.runs WHERE tenant_id = $1", tenant.Slug.Value));
        await Db.ExecuteAsync(tenant.AppConnectionString, "INSERT INTO drills.runs (name) VALUES ('third')");
        Assert.Equal(3L, await Db.ScalarAsync<long>(tenant.AppConnectionString, "SELECT count(*) FROM drills.runs"));
        Assert.Equal(0L, await Db.ScalarAsync<long>(Tenants.Unscoped(tenant.AppConnectionString), "SELECT count(*) FROM drills.runs"));
        Assert.Equal(0L, await Db.ScalarAsync<long>(Tenants.Unscoped(tenant.OwnerConnectionString), "SELECT count(*) FROM drills.runs"));
    }
}
