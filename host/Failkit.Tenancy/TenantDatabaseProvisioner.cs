using Failkit.Identity.Schema;
using Failkit.Workflows.Persistence;
using Npgsql;

namespace Failkit.Tenancy;

/// <summary>Creates a tenant's roles and database, migrates it as the owner and puts every table under forced
/// row-level security. Every step checks the catalogs first, so a crashed onboarding simply runs it again.</summary>
/// <param name="adminConnectionString">A role that may create roles and databases (the cluster's superuser in
/// embedded mode), connected to a maintenance database such as <c>postgres</c>.</param>
public sealed partial class TenantDatabaseProvisioner(string adminConnectionString, TenantProvisioningOptions? options = null)
{
    private readonly TenantProvisioningOptions _options = options ?? new();

    /// <summary>Runs all steps in order and returns the tenant's scoped connection strings.</summary>
    public async Task<TenantDatabase> ProvisionAsync(TenantSlug slug, TenantPasswords passwords, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(passwords);
        await EnsureRolesAsync(slug, passwords, ct);
        await EnsureDatabaseAsync(slug, ct);
        var tenant = Describe(slug, passwords);
        await MigrateAsync(tenant, ct);
        await SecureTablesAsync(tenant, ct);
        return tenant;
    }

    /// <summary>The tenant's connection strings, without touching the server.</summary>
    public TenantDatabase Describe(TenantSlug slug, TenantPasswords passwords)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(passwords);
        var app = TenantConnectionStrings.ForRole(adminConnectionString, slug.DatabaseName, slug.AppRole, passwords.App);
        var owner = TenantConnectionStrings.ForRole(adminConnectionString, slug.DatabaseName, slug.OwnerRole, passwords.Owner);
        return new TenantDatabase(slug, TenantConnectionStrings.Scope(app, slug), TenantConnectionStrings.Scope(owner, slug), passwords);
    }

    /// <summary>Step a: the owner and application roles. Attributes are (re)asserted on every run, so a role
    /// someone altered by hand is put back; the password is set to the given one.</summary>
    public async Task EnsureRolesAsync(TenantSlug slug, TenantPasswords passwords, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(passwords);
        await using var conn = await OpenAdminAsync(slug, ct);
        const string attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";
        await EnsureRoleAsync(conn, slug.OwnerRole, attributes, passwords.Owner, ct);
        await EnsureRoleAsync(conn, slug.AppRole, attributes, passwords.App, ct);

        // The app role must not reach the owner's rights through membership, directly or through another role.
        if (await ScalarAsync<bool>(conn, "SELECT pg_has_role($1, $2, 'MEMBER')", ct, slug.AppRole, slug.OwnerRole))
        {
            await ExecuteAsync(conn, $"REVOKE {Sql.Identifier(slug.OwnerRole)} FROM {Sql.Identifier(slug.AppRole)}", ct);
            if (await ScalarAsync<bool>(conn, "SELECT pg_has_role($1, $2, 'MEMBER')", ct, slug.AppRole, slug.OwnerRole))
            {
                throw new InvalidOperationException($"{slug.AppRole} is a member of {slug.OwnerRole} through another role; fix the memberships by hand.");
            }
        }
    }

    /// <summary>Step b: the database, owned by the owner role, that only the owner and the app role may connect to.
    /// It is created with connections disabled and opened only once PUBLIC's rights are gone, so no other role
    /// can slip in between.</summary>
    public async Task EnsureDatabaseAsync(TenantSlug slug, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        await using var conn = await OpenAdminAsync(slug, ct);
        var db = Sql.Identifier(slug.DatabaseName);
        if (!await ScalarAsync<bool>(conn, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", ct, slug.DatabaseName))
        {
            await ExecuteAsync(conn, $"CREATE DATABASE {db} OWNER {Sql.Identifier(slug.OwnerRole)} ALLOW_CONNECTIONS false", ct);
        }

        // Re-running these statements leaves the ACL as it is; they also repair a database someone opened up.
        await ExecuteAsync(conn, $"""
            ALTER DATABASE {db} OWNER TO {Sql.Identifier(slug.OwnerRole)};
            REVOKE ALL ON DATABASE {db} FROM PUBLIC;
            GRANT CONNECT ON DATABASE {db} TO {Sql.Identifier(slug.AppRole)};
            ALTER DATABASE {db} ALLOW_CONNECTIONS true;
            """, ct);
        foreach (var name in _options.LockDownDatabases)
        {
            if (await ScalarAsync<bool>(conn, "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) THEN has_database_privilege('public', $1, 'CONNECT') ELSE false END", ct, name))
            {
                await ExecuteAsync(conn, $"REVOKE CONNECT ON DATABASE {Sql.Identifier(name)} FROM PUBLIC", ct);
            }
        }
    }

    /// <summary>Step c: the workflow and identity migrations, as the owner (scoped, because <c>schema_migrations</c>
    /// is under forced RLS after the first run).</summary>
    public static async Task MigrateAsync(TenantDatabase tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        using var migrator = new PostgresMigrator(new PostgresPersistenceOptions { ConnectionString = tenant.OwnerConnectionString });
        await migrator.MigrateAsync(ct);
        await IdentityMigrator.MigrateAsync(tenant.OwnerConnectionString, ct);
        await Evidence.EvidenceSchema.MigrateAsync(tenant.OwnerConnectionString, ct);
        await QuartzSchema.ProvisionAsync(tenant.OwnerConnectionString, ct);
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection conn, string role, string attributes, string password, CancellationToken ct)
    {
        var verb = await ScalarAsync<bool>(conn, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", ct, role) ? "ALTER" : "CREATE";
        await ExecuteAsync(conn, $"{verb} ROLE {Sql.Identifier(role)} {attributes} PASSWORD {Sql.Literal(password)}", ct);
    }

    /// <summary>An admin connection holding a per-slug advisory lock until it closes, so two onboardings of the
    /// same tenant take turns instead of racing on CREATE ROLE. Unpooled: the pool resets a returned connection
    /// lazily, on its next use, so an idle pooled connection would keep the lock and block the next step.</summary>
    private async Task<NpgsqlConnection> OpenAdminAsync(TenantSlug slug, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            await ScalarAsync<object>(conn, "SELECT pg_advisory_lock(hashtextextended('failkit.tenant:' || $1, 0))", ct, slug.Value);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
