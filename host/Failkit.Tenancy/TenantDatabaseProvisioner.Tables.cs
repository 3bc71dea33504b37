using Npgsql;

namespace Failkit.Tenancy;

public sealed partial class TenantDatabaseProvisioner
{
    /// <summary>The name of the policy every tenant table gets.</summary>
    public const string PolicyName = "tenant_isolation";

    /// <summary>The tenant of the current session, NULL when unset or reset (after RESET the placeholder GUC is
    /// '' rather than NULL; NULLIF makes both deny).</summary>
    public const string CurrentTenant = "NULLIF(current_setting('app.current_tenant', true), '')";

    /// <summary>Tables, partitioned tables included, of every schema that is not PostgreSQL's own.</summary>
    internal const string TenantTablesSql = """
        SELECT n.nspname, c.relname, c.relispartition,
               c.relrowsecurity, c.relforcerowsecurity,
               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped),
               EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
        ORDER BY c.relispartition, n.nspname, c.relname
        """;

    /// <summary>Step d: every table gets <c>tenant_id</c> (defaulting to the session's tenant, so inserts that do
    /// not name it are stamped), ENABLE and FORCE row-level security, the isolation policy, and the app role's
    /// grants. Run as the owner in one transaction: all tables are secured, or none changes. Run it again after
    /// every migration; tables already secured are left untouched.</summary>
    public static async Task SecureTablesAsync(TenantDatabase tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await using var conn = new NpgsqlConnection(tenant.OwnerConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var app = Sql.Identifier(tenant.Slug.AppRole);
        var tables = await ReadTablesAsync(conn, ct);
        var appendOnly = await ReadAppendOnlyAsync(conn, ct);
        foreach (var schema in tables.Select(t => t.Schema).Distinct(StringComparer.Ordinal))
        {
            await ExecuteAsync(conn, $"GRANT USAGE ON SCHEMA {Sql.Identifier(schema)} TO {app}", ct);
            await ExecuteAsync(conn, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Sql.Identifier(schema)} TO {app}", ct);
        }

        foreach (var t in tables)
        {
            var name = $"{Sql.Identifier(t.Schema)}.{Sql.Identifier(t.Name)}";
            // A partition inherits the column from its parent (listed first) and may not add its own.
            if (!t.HasTenantId && !t.IsPartition)
            {
                // Existing rows take the default, evaluated in this session: the owner's scoped connection.
                await ExecuteAsync(conn, $"ALTER TABLE {name} ADD COLUMN tenant_id text NOT NULL DEFAULT {CurrentTenant}", ct);
            }

            if (!t.RowSecurity || !t.ForceRowSecurity)
            {
                await ExecuteAsync(conn, $"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY", ct);
            }

            if (!t.HasPolicy)
            {
                await ExecuteAsync(conn, $"CREATE POLICY {PolicyName} ON {name} USING (tenant_id = {CurrentTenant}) WITH CHECK (tenant_id = {CurrentTenant})", ct);
            }

            // The application only reads the migration ledger; letting it write there could make the owner's
            // migrator skip a migration.
            var rights = t.Name == "schema_migrations" ? "SELECT"
                : appendOnly.Contains((t.Schema, t.Name)) ? "SELECT, INSERT"
                : "SELECT, INSERT, UPDATE, DELETE";
            await ExecuteAsync(conn, $"GRANT {rights} ON {name} TO {app}", ct);
            if (rights != "SELECT, INSERT, UPDATE, DELETE")
            {
                // Taken back in case an earlier run (or a hand) granted them.
                await ExecuteAsync(conn, $"REVOKE UPDATE, DELETE, TRUNCATE ON {name} FROM {app}", ct);
            }
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Tables a module marked append-only with a comment starting <c>append-only</c> (audit events): the app
    /// role may read and add rows, never change or remove them.</summary>
    public static async Task<IReadOnlySet<(string Schema, string Name)>> ReadAppendOnlyAsync(NpgsqlConnection conn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(conn);
        var tables = new HashSet<(string, string)>();
        await using var cmd = new NpgsqlCommand("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND obj_description(c.oid, 'pg_class') LIKE 'append-only%'
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tables.Add((reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }

    /// <summary>The security state of every tenant table, for the provisioner and for tests that audit it.</summary>
    public static async Task<IReadOnlyList<TenantTable>> ReadTablesAsync(NpgsqlConnection conn, CancellationToken ct = default)
    {
        var tables = new List<TenantTable>();
        await using var cmd = new NpgsqlCommand(TenantTablesSql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tables.Add(new TenantTable(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6)));
        }

        return tables;
    }
}

/// <summary>One table of a tenant database and how far it is secured.</summary>
public sealed record TenantTable(string Schema, string Name, bool IsPartition, bool RowSecurity, bool ForceRowSecurity, bool HasTenantId, bool HasPolicy)
{
    public bool IsSecured => RowSecurity && ForceRowSecurity && HasTenantId && HasPolicy;
}
