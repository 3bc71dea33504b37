using Failkit.Testing;
using Npgsql;

namespace Failkit.Tenancy.Tests;

public sealed class TenantDatabaseProvisionerTests
{
    /// <summary>Everything a provisioning decides, except password verifiers (SCRAM salts differ per write).</summary>
    private const string StateSql = """
        SELECT concat_ws(E'\n',
          (SELECT string_agg(concat_ws(' ', rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolbypassrls), ',' ORDER BY rolname)
             FROM pg_roles WHERE rolname IN ($1, $2)),
          (SELECT concat_ws(' ', datdba::regrole, datallowconn, datacl::text) FROM pg_database WHERE datname = current_database()),
          (SELECT string_agg(concat_ws(' ', c.oid::regclass, c.relacl::text, c.relrowsecurity, c.relforcerowsecurity, c.relnatts), ',' ORDER BY c.oid::regclass::text)
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'workflows'),
          (SELECT string_agg(concat_ws(' ', polrelid::regclass, polname, pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid)), ',' ORDER BY polrelid::regclass::text)
             FROM pg_policy),
          (SELECT string_agg(name, ',' ORDER BY name) FROM workflows.schema_migrations))
        """;

    [Fact]
    public async Task ProvisioningTwice_Succeeds_AndChangesNothing()
    {
        var tenant = await Tenants.ProvisionAsync("twice");
        var superuser = await Tenants.SuperuserAsync(tenant);
        var before = await Db.ScalarAsync<string>(superuser, StateSql, tenant.Slug.OwnerRole, tenant.Slug.AppRole);

        var again = await Tenants.Provisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(tenant.Slug, tenant.Passwords);

        Assert.Equal(tenant, again);
        Assert.Equal(before, await Db.ScalarAsync<string>(superuser, StateSql, tenant.Slug.OwnerRole, tenant.Slug.AppRole));
        Assert.Contains("tenant_isolation", before);
    }

    [Fact]
    public async Task EveryTableOfAMigratedTenantDatabase_HasTenantId_ForcedRls_AndThePolicy()
    {
        var tenant = await Tenants.ProvisionAsync("audit");
        await using var conn = new NpgsqlConnection(await Tenants.SuperuserAsync(tenant));
        await conn.OpenAsync();

        // Independent of the provisioner's own query: information_schema for the list, pg_class/pg_policy for the state.
        var rows = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT t.table_schema || '.' || t.table_name,
                   c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM information_schema.columns col
                           WHERE col.table_schema = t.table_schema AND col.table_name = t.table_name
                             AND col.column_name = 'tenant_id' AND col.is_nullable = 'NO'),
                   EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                           AND pg_get_expr(p.polqual, p.polrelid) LIKE '%NULLIF(current_setting(''app.current_tenant''::text, true), ''''::text)%'
                           AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%NULLIF(current_setting(''app.current_tenant''::text, true), ''''::text)%')
            FROM information_schema.tables t
            JOIN pg_class c ON c.oid = (quote_ident(t.table_schema) || '.' || quote_ident(t.table_name))::regclass
            WHERE t.table_type = 'BASE TABLE' AND t.table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var missing = new[] { (1, "ENABLE RLS"), (2, "FORCE RLS"), (3, "tenant_id NOT NULL"), (4, "policy") }
                    .Where(c => !reader.GetBoolean(c.Item1)).Select(c => c.Item2);
                rows.Add($"{reader.GetString(0)}: {string.Join(", ", missing)}");
            }
        }

        Assert.Contains(rows, r => r.StartsWith("workflows.instances:", StringComparison.Ordinal));
        Assert.True(rows.Count >= 6, string.Join("\n", rows));
        Assert.All(rows, r => Assert.EndsWith(": ", r));
        Assert.All(await TenantDatabaseProvisioner.ReadTablesAsync(conn), t => Assert.True(t.IsSecured, t.ToString()));
    }

    [Fact]
    public async Task AppRole_IsNeitherSuperuserNorBypassRls_NorOwnerMember_AndCannotSetRoleToTheOwner()
    {
        var tenant = await Tenants.ProvisionAsync("roles");

        var attributes = await Db.ScalarAsync<string>(tenant.AppConnectionString,
            "SELECT concat_ws(' ', rolsuper, rolbypassrls, rolcreaterole, rolcreatedb) FROM pg_roles WHERE rolname = current_user");
        Assert.Equal("f f f f", attributes);
        Assert.False(await Db.ScalarAsync<bool>(tenant.AppConnectionString, "SELECT pg_has_role(current_user, $1, 'MEMBER')", tenant.Slug.OwnerRole));
        Assert.NotEqual(tenant.Slug.AppRole, await Db.ScalarAsync<string>(tenant.AppConnectionString, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(tenant.AppConnectionString, $"SET ROLE \"{tenant.Slug.OwnerRole}\""));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task AppRoleOfTenantA_CannotConnectToTenantBsDatabase_NorToTheMaintenanceDatabases()
    {
        var a = await Tenants.ProvisionAsync("ta");
        var b = await Tenants.ProvisionAsync("tb");

        foreach (var database in new[] { b.DatabaseName, "postgres", "template1" })
        {
            var cs = new NpgsqlConnectionStringBuilder(a.AppConnectionString) { Database = database, Pooling = false }.ConnectionString;
            var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(cs, "SELECT 1"));
            Assert.Contains(error.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InvalidAuthorizationSpecification });
        }

        // And in general: of all databases that accept connections, the app role may connect to its own only.
        var reachable = await Db.ScalarAsync<string[]>(await TestPostgres.AdminConnectionStringAsync(),
            "SELECT array_agg(datname::text) FROM pg_database WHERE datallowconn AND has_database_privilege($1, datname, 'CONNECT')", a.Slug.AppRole);
        Assert.Equal([a.DatabaseName], reachable);
    }
}
