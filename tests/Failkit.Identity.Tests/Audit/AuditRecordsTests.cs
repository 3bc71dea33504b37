using Failkit.Evidence.Format;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Tenancy.Audit;
using Npgsql;

namespace Failkit.Identity.Tests.Audit;

/// <summary>The database's <c>identity.audit_canonical</c> and the C# <see cref="AuditChainRule"/> are one rule: the
/// offline verifier recomputes exactly what the trigger hashed, with and without source, before and after.</summary>
public sealed class AuditRecordsTests(SharedPlane shared)
{
    [Fact]
    public async Task EventsWithAndWithoutSourceBeforeAfter_DatabaseCanonicalTextEqualsTheFormatRule_AndEveryLinkHolds()
    {
        var plane = shared.Plane;
        var audit = plane.Get<IAuditTrail>();
        var kind = "test.canonical." + Guid.NewGuid().ToString("N")[..8];
        AuditEntry[] entries =
        [
            new(kind, "user:a@example.test"),
            new(kind, "user:a@example.test", "target | with pipe", "détail\nmultiline"),
            new(kind, "client:fk-1", "t") { Source = "192.0.2.1" },
            new(kind, "client:fk-1", "t") { Before = """{"name":"ü","n":1}""" },
            new(kind, "client:fk-1", "t") { After = """{"name":"x|y"}""" },
            new(kind, "support:op (grant 1)", null, null) { Source = "2001:db8::1", Before = "{}", After = """{"a":[1,2]}""" },
            new(kind, "system:x") { Source = "" },
        ];
        foreach (var entry in entries)
        {
            await audit.WriteAsync(entry, TestContext.Current.CancellationToken);
        }

        var all = await AuditReading.AllAsync(plane.Tenant.AppConnectionString);
        var mine = all.Where(e => e.Kind == kind).ToList();
        Assert.Equal(entries.Length, mine.Count);
        Assert.Equal(entries.Select(e => (e.Source, e.Before, e.After)), mine.Select(e => (e.Source, e.Before, e.After)));
        Assert.Null(AuditChainRule.FirstBreak(all));
        for (var i = 1; i < all.Count; i++)
        {
            Assert.Equal(AuditChainRule.HashOf(all[i - 1]), all[i].PrevSha256);
        }

        await using var conn = new NpgsqlConnection(plane.Tenant.AppConnectionString);
        await conn.OpenAsync();
        foreach (var e in mine)
        {
            await using var cmd = new NpgsqlCommand("SELECT identity.audit_canonical(e) FROM identity.audit_events e WHERE seq = $1", conn)
            {
                Parameters = { new() { Value = e.Seq } },
            };
            Assert.Equal(AuditChainRule.Canonical(e), (string?)await cmd.ExecuteScalarAsync());
        }

        // An event without source, before and after keeps the original (shorter) text, so older chains still verify.
        Assert.Equal(7, AuditChainRule.Canonical(mine[0]).Split('|').Length);
        Assert.Equal(10, AuditChainRule.Canonical(mine[2]).Split('|').Length);
    }
}
