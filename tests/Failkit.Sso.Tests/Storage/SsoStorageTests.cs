using System.Text;
using Failkit.Sso.Settings;
using Failkit.Sso.Storage;
using Failkit.Sso.Tests.Fixtures;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Failkit.Sso.Tests.Storage;

public sealed class SsoStorageTests
{
    private static readonly OidcSettings Oidc = new(true, new Uri("https://idp.example/"), "client", "s3cr3t-client-secret-value", "openid email",
        "groups", new RoleMapping(new Dictionary<string, SsoRole> { ["admins"] = SsoRole.Admin }));

    [Fact]
    public async Task Migration_LeavesEverySsoTableUnderForcedRls_EvenBeforeTheProvisionerSecuresIt()
    {
        var cs = await TestPostgres.CreateDatabaseAsync("ssomig");
        Assert.Equal(SsoDatabase.Known, await SsoDatabase.MigrateAsync(cs));
        Assert.Empty(await SsoDatabase.MigrateAsync(cs));

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var tables = (await TenantDatabaseProvisioner.ReadTablesAsync(conn)).Where(t => t.Schema == "sso" && t.Name != "schema_migrations").ToList();

        Assert.Equal(["pending_requests", "saml_replay", "settings"], tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tables, t => Assert.True(t.IsSecured, $"{t.Name} is not under forced RLS with the isolation policy"));
    }

    [Fact]
    public async Task SettingsOfOneTenant_AreInvisibleUnderAnother_AndStampedWithTheTenant()
    {
        var tenant = await TenantDb.ProvisionAsync();
        await using var mine = new SsoDatabase(new SsoOptions { ConnectionString = tenant.AppConnectionString });
        await using var theirs = new SsoDatabase(new SsoOptions { ConnectionString = TenantConnectionStrings.Scope(tenant.AppConnectionString, TenantSlug.Parse("globex")) });
        await Store(mine).SaveAsync(Oidc, CancellationToken.None);

        Assert.Equal(Oidc.ClientSecret, (await Store(mine).GetOidcAsync(CancellationToken.None))?.ClientSecret);
        Assert.Null(await Store(theirs).GetOidcAsync(CancellationToken.None));
        Assert.Equal(tenant.Slug.Value, await TenantDb.ScalarAsync<string>(await TenantDb.SuperuserAsync(tenant), "SELECT tenant_id FROM sso.settings"));
    }

    [Fact]
    public async Task StoredSettings_AreEncrypted()
    {
        var tenant = await TenantDb.ProvisionAsync();
        await using var db = new SsoDatabase(new SsoOptions { ConnectionString = tenant.AppConnectionString });
        await Store(db).SaveAsync(Oidc, CancellationToken.None);

        var payload = await TenantDb.ScalarAsync<byte[]>(await TenantDb.SuperuserAsync(tenant), "SELECT payload FROM sso.settings WHERE protocol = 'oidc'");

        Assert.DoesNotContain(Oidc.ClientSecret, Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.DoesNotContain("idp.example", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingLogin_CanBeTakenOnce_AndNotAfterItExpired()
    {
        var tenant = await TenantDb.ProvisionAsync();
        var clock = new ShiftedClock();
        var options = new SsoOptions { ConnectionString = tenant.AppConnectionString };
        await using var db = new SsoDatabase(options);
        var pending = new PendingRequests(db, Protection, clock, options);
        await pending.AddAsync("oidc", "state-1", new PendingLogin("/a", "n", "v", "b"), CancellationToken.None);
        await pending.AddAsync("oidc", "state-2", new PendingLogin("/b"), CancellationToken.None);

        Assert.Equal(new PendingLogin("/a", "n", "v", "b"), await pending.TakeAsync("oidc", "state-1", CancellationToken.None));
        Assert.Null(await pending.TakeAsync("oidc", "state-1", CancellationToken.None));
        Assert.Null(await pending.TakeAsync("saml", "state-2", CancellationToken.None));
        clock.Shift = TimeSpan.FromMinutes(11);
        Assert.Null(await pending.TakeAsync("oidc", "state-2", CancellationToken.None));
    }

    [Fact]
    public async Task PendingLogin_TakenConcurrently_GoesToOneCallerOnly()
    {
        var tenant = await TenantDb.ProvisionAsync();
        var options = new SsoOptions { ConnectionString = tenant.AppConnectionString };
        await using var db = new SsoDatabase(options);
        var pending = new PendingRequests(db, Protection, new ShiftedClock(), options);
        await pending.AddAsync("saml", "_req", new PendingLogin("/"), CancellationToken.None);

        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => pending.TakeAsync("saml", "_req", CancellationToken.None))));

        Assert.Single(takes, t => t is not null);
    }

    [Fact]
    public async Task ReplayCache_RefusesAnIdSeenBefore_UntilItExpires()
    {
        var tenant = await TenantDb.ProvisionAsync();
        var clock = new ShiftedClock();
        await using var db = new SsoDatabase(new SsoOptions { ConnectionString = tenant.AppConnectionString });
        var cache = new SamlReplayCache(db, clock);
        var keepUntil = clock.GetUtcNow().AddMinutes(5);

        Assert.True(await cache.TryRecordAsync("_a1", keepUntil, CancellationToken.None));
        Assert.False(await cache.TryRecordAsync("_a1", keepUntil, CancellationToken.None));
        Assert.True(await cache.TryRecordAsync("_a2", keepUntil, CancellationToken.None));
        clock.Shift = TimeSpan.FromMinutes(6);
        Assert.True(await cache.TryRecordAsync("_a1", clock.GetUtcNow().AddMinutes(5), CancellationToken.None));
    }

    private static readonly IDataProtectionProvider Protection = new EphemeralDataProtectionProvider();

    private static SsoSettingsStore Store(SsoDatabase db) => new(db, Protection, TimeProvider.System);
}
