using Failkit.Identity.Audit;
using Failkit.Identity.Schema;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Tenancy;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Identity.Tests.Data;

public sealed class IdentitySchemaTests(SharedPlane shared)
{
    [Fact]
    public async Task ProvisionedTenant_EveryIdentityTableHasForcedRls()
    {
        var plane = shared.Plane;
        await using var conn = new NpgsqlConnection(plane.Tenant.OwnerConnectionString);
        await conn.OpenAsync();
        var tables = await TenantDatabaseProvisioner.ReadTablesAsync(conn);
        var identity = tables.Where(t => t.Schema == "identity").ToList();
        Assert.Contains(identity, t => t.Name == "users");
        Assert.Contains(identity, t => t.Name == "openiddict_tokens");
        Assert.Contains(identity, t => t.Name == "audit_events");
        Assert.All(tables, t => Assert.True(t.IsSecured, $"{t.Schema}.{t.Name} lacks forced RLS"));
        Assert.Equal(IdentityMigrator.Known.Count, await Db.ScalarAsync<long>(plane.Tenant.OwnerConnectionString, "SELECT count(*) FROM identity.schema_migrations"));
    }

    [Fact]
    public async Task AuditEvents_AppRoleMayOnlyReadAndInsert_AndTheTriggerRefusesTheOwnerToo()
    {
        var plane = shared.Plane;
        var app = plane.Tenant.AppConnectionString;
        var kind = "test.append-only." + Guid.NewGuid().ToString("N");
        await plane.Get<AuditLog>().WriteAsync(kind, "tester", ct: TestContext.Current.CancellationToken);

        Assert.True(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'INSERT')"));
        Assert.False(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'UPDATE')"));
        Assert.False(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'DELETE')"));
        Assert.True(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.users', 'UPDATE')"));
        var denied = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(app, "DELETE FROM identity.audit_events WHERE kind = $1", kind));
        Assert.Equal("42501", denied.SqlState);

        var owner = plane.Tenant.OwnerConnectionString;
        var update = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(owner, "UPDATE identity.audit_events SET actor = 'someone else' WHERE kind = $1", kind));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(owner, "DELETE FROM identity.audit_events WHERE kind = $1", kind));
        // TRUNCATE is refused before it touches anything, so trying it on the shared plane is harmless.
        await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(owner, "TRUNCATE identity.audit_events"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(owner, "SELECT count(*) FROM identity.audit_events WHERE kind = $1", kind));
    }

    [Fact]
    public async Task AuditChain_ConcurrentWriters_FormOneChain_AndAnEditIsDetected()
    {
        await using var plane = await TenantPlane.StartAsync();
        var audit = plane.Get<AuditLog>();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => audit.WriteAsync("test.event", $"writer-{i}", $"target-{i}", "détail | ünïcode")));
        var events = await ReadAsync(plane.Tenant.AppConnectionString);
        Assert.True(events.Count >= 40);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Null(AuditChain.FirstBrokenLink(events));

        // Only a superuser who switches the trigger off can edit history; the chain then points at the edit.
        var super = await Db.SuperuserAsync(plane.Tenant);
        await Db.ExecuteAsync(super, """
            ALTER TABLE identity.audit_events DISABLE TRIGGER audit_events_no_change;
            UPDATE identity.audit_events SET actor = 'forged' WHERE seq = 10;
            ALTER TABLE identity.audit_events ENABLE TRIGGER audit_events_no_change;
            """);
        Assert.Equal(11L, AuditChain.FirstBrokenLink(await ReadAsync(plane.Tenant.AppConnectionString)));
    }

    private static async Task<List<AuditEvent>> ReadAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT seq, at, kind, actor, target, detail, prev_sha256 FROM identity.audit_events ORDER BY seq", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<AuditEvent>();
        while (await r.ReadAsync())
        {
            list.Add(new AuditEvent(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<byte[]>(6)));
        }

        return list;
    }
}
