using Failkit.Workflows.Persistence.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Failkit.Tenancy.Tests;

public sealed class RowLevelSecurityTests
{
    private const string CountWork = "SELECT count(*) FROM workflows.work";

    [Fact]
    public async Task QueryWithoutTheGuc_ReturnsNoRows_ThoughRowsExist()
    {
        var tenant = await Tenants.ProvisionAsync();
        await Db.ExecuteAsync(tenant.AppConnectionString, Db.InsertWork, "i-1");
        await Db.ExecuteAsync(tenant.AppConnectionString, Db.InsertWork, "i-2");

        Assert.Equal(0L, await Db.ScalarAsync<long>(Tenants.Unscoped(tenant.AppConnectionString), CountWork));
        Assert.Equal(2L, await Db.ScalarAsync<long>(tenant.AppConnectionString, CountWork));
        Assert.Equal(2L, await Db.ScalarAsync<long>(await Tenants.SuperuserAsync(tenant), CountWork));
        Assert.Equal(tenant.Slug.Value, await Db.ScalarAsync<string>(await Tenants.SuperuserAsync(tenant), "SELECT DISTINCT tenant_id FROM workflows.work"));
    }

    [Fact]
    public async Task UnscopedInsert_IsRejected()
    {
        var tenant = await Tenants.ProvisionAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(Tenants.Unscoped(tenant.AppConnectionString), Db.InsertWork, "i-1"));

        // The policy's WITH CHECK (NULL tenant) fails before the NOT NULL constraint is checked.
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task RowWrittenUnderOneTenant_IsInvisibleUnderAnother_AndForeignTenantIdsAreRejected()
    {
        var tenant = await Tenants.ProvisionAsync();
        await Db.ExecuteAsync(tenant.AppConnectionString, Db.InsertWork, "mine");
        var other = TenantConnectionStrings.Scope(tenant.AppConnectionString, TenantSlug.Parse("globex"));

        Assert.Equal(0L, await Db.ScalarAsync<long>(other, CountWork));
        Assert.Equal(0, await Db.ExecuteAsync(other, "UPDATE workflows.work SET kind = 'x'"));
        Assert.Equal(0, await Db.ExecuteAsync(other, "DELETE FROM workflows.work"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(tenant.AppConnectionString, "SELECT count(*) FROM workflows.work WHERE kind = 'Start'"));

        var insert = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(tenant.AppConnectionString,
            "INSERT INTO workflows.work (instance_id, kind, due_at, tenant_id) VALUES ('theirs', 'Start', now(), 'globex')"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);
        var move = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(tenant.AppConnectionString, "UPDATE workflows.work SET tenant_id = 'globex'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, move.SqlState);
    }

    [Fact]
    public async Task StartupOptionGuc_SurvivesThePoolsReset_WhileASetGucDoesNot()
    {
        var tenant = await Tenants.ProvisionAsync();
        await Db.ExecuteAsync(tenant.AppConnectionString, Db.InsertWork, "i-1");
        // A pool of one, so the second open is certainly the first physical connection, after DISCARD ALL.
        var pooled = new NpgsqlConnectionStringBuilder(tenant.AppConnectionString) { MaxPoolSize = 1, ApplicationName = "rls-pool-test" }.ConnectionString;

        int firstPid;
        await using (var conn = new NpgsqlConnection(pooled))
        {
            await conn.OpenAsync();
            firstPid = conn.ProcessID;
            // A tenant switch made with SET in the session must not outlive the borrower.
            await Db.ScalarAsync<string>(conn, "SELECT set_config('app.current_tenant', 'globex', false)");
            Assert.Equal(0L, await Db.ScalarAsync<long>(conn, CountWork));
        }

        await using (var conn = new NpgsqlConnection(pooled))
        {
            await conn.OpenAsync();
            Assert.Equal(firstPid, conn.ProcessID);
            Assert.Equal(tenant.Slug.Value, await Db.ScalarAsync<string>(conn, "SELECT current_setting('app.current_tenant')"));
            Assert.Equal(1L, await Db.ScalarAsync<long>(conn, CountWork));
            // Explicitly what the pool runs on return: the value falls back to the startup packet's.
            await Db.ScalarAsync<object>(conn, "SELECT set_config('app.current_tenant', 'globex', false)");
            await using (var discard = new NpgsqlCommand("DISCARD ALL", conn))
            {
                await discard.ExecuteNonQueryAsync();
            }

            Assert.Equal(tenant.Slug.Value, await Db.ScalarAsync<string>(conn, "SELECT current_setting('app.current_tenant')"));
        }
    }

    [Fact]
    public async Task EfInterceptor_ScopesAnUnscopedConnection_AndThePoolResetClearsIt()
    {
        var tenant = await Tenants.ProvisionAsync();
        await Db.ExecuteAsync(tenant.AppConnectionString, Db.InsertWork, "i-1");
        var unscoped = new NpgsqlConnectionStringBuilder(Tenants.Unscoped(tenant.AppConnectionString)) { MaxPoolSize = 1 }.ConnectionString;

        var options = new DbContextOptionsBuilder<WorkflowsDbContext>().UseNpgsql(unscoped).UseTenant(tenant.Slug).Options;
        await using (var db = new WorkflowsDbContext(options))
        {
            Assert.Equal(1, await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM workflows.work").SingleAsync());
        }

        // The same physical connection, borrowed without the interceptor: DISCARD ALL has cleared the SET.
        Assert.Equal(0L, await Db.ScalarAsync<long>(unscoped, CountWork));
    }
}
