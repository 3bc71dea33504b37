using Failkit.Evidence.Format;
using Failkit.Identity.Schema;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
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
        await plane.Get<IAuditTrail>().WriteAsync(
            new AuditEntry(kind, "tester", "t") { Source = "192.0.2.1", Before = """{"a":1}""", After = """{"a":2}""" }, TestContext.Current.CancellationToken);

        Assert.True(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'INSERT')"));
        Assert.False(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'UPDATE')"));
        Assert.False(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'DELETE')"));
        Assert.False(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.audit_events', 'TRUNCATE')"));
        Assert.True(await Db.ScalarAsync<bool>(app, "SELECT has_table_privilege('identity.users', 'UPDATE')"));
        foreach (var sql in new[]
        {
            "UPDATE identity.audit_events SET actor = 'someone else' WHERE kind = $1",
            "UPDATE identity.audit_events SET source = '10.0.0.1' WHERE kind = $1",
            "UPDATE identity.audit_events SET before = NULL, after = '{}' WHERE kind = $1",
            "DELETE FROM identity.audit_events WHERE kind = $1",
        })
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(app, sql, kind));
            Assert.Equal("42501", denied.SqlState);
        }

        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(app, "TRUNCATE identity.audit_events"))).SqlState);

        var owner = plane.Tenant.OwnerConnectionString;
        foreach (var sql in new[]
        {
            "UPDATE identity.audit_events SET actor = 'someone else' WHERE kind = $1",
            "UPDATE identity.audit_events SET source = NULL, before = NULL, after = NULL WHERE kind = $1",
            "DELETE FROM identity.audit_events WHERE kind = $1",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(owner, sql, kind));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        // TRUNCATE is refused before it touches anything, so trying it on the shared plane is harmless.
        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(owner, "TRUNCATE identity.audit_events"))).MessageText,
            StringComparison.Ordinal);
        Assert.Equal("192.0.2.1|{\"a\":1}|{\"a\":2}", await Db.ScalarAsync<string>(owner,
            "SELECT concat_ws('|', source, before, after) FROM identity.audit_events WHERE kind = $1", kind));
    }

    [Fact]
    public async Task AuditChain_ConcurrentWriters_FormOneChain_AndAnEditIsDetected()
    {
        await using var plane = await TenantPlane.StartAsync();
        var audit = plane.Get<IAuditTrail>();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => audit.WriteAsync(
            new AuditEntry("test.event", $"writer-{i}", $"target-{i}", "détail | ünïcode") { Source = i % 2 == 0 ? "192.0.2.1" : null })));
        var events = await AuditReading.AllAsync(plane.Tenant.AppConnectionString);
        Assert.True(events.Count >= 40);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Null(AuditChainRule.FirstBreak(events));

        // Only a superuser who switches the trigger off can edit history; the chain then points at the edit.
        var super = await Db.SuperuserAsync(plane.Tenant);
        await Db.ExecuteAsync(super, """
            ALTER TABLE identity.audit_events DISABLE TRIGGER audit_events_no_change;
            UPDATE identity.audit_events SET actor = 'forged' WHERE seq = 10;
            ALTER TABLE identity.audit_events ENABLE TRIGGER audit_events_no_change;
            """);
        Assert.Equal(11L, AuditChainRule.FirstBreak(await AuditReading.AllAsync(plane.Tenant.AppConnectionString))?.Seq);
    }
}
