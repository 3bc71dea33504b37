using System.Collections.Concurrent;
using System.Net;
using Failkit.Protection;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>One tenant's plane as far as agent reports go: a real Kestrel on 127.0.0.1 mapping the protection
/// endpoints over a tenant database from the real provisioner. It keeps every request body it received, and can be
/// told to answer the next requests with 503, as a plane that is restarting would.</summary>
public sealed class TenantPlaneServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failNext;

    private TenantPlaneServer(WebApplication app, TenantDatabase tenant, Uri url)
    {
        _app = app;
        Tenant = tenant;
        Url = url;
    }

    public TenantDatabase Tenant { get; }

    public Uri Url { get; }

    /// <summary>Every request that reached the plane: path, Authorization header and body.</summary>
    public ConcurrentQueue<(string Path, string? Authorization, byte[] Body)> Received { get; } = new();

    /// <summary>Provisions <paramref name="slug"/>'s database like onboarding does (the protection migrations, then
    /// the tables secured) and starts the plane with the key derived from <paramref name="managementSecret"/>.</summary>
    public static async Task<TenantPlaneServer> StartAsync(string slug, byte[] managementSecret)
    {
        var tenantSlug = TenantSlug.Parse(slug);
        var tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(tenantSlug, TenantPasswords.Generate());
        await ProtectionMigrator.MigrateAndSecureAsync(tenant);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration[PlaneKeys.ConfigurationKey] = PlaneKeys.Derive(managementSecret, tenantSlug);
        builder.Services.AddFailkitProtection(tenant.AppConnectionString);
        var app = builder.Build();
        TenantPlaneServer? self = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            context.Request.Body.Position = 0;
            self!.Received.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), copy.ToArray()));
            if (Interlocked.Decrement(ref self._failNext) >= 0)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
        app.MapRecoveryPointIntakeEndpoints();
        app.MapRecoveryPointEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TenantPlaneServer(app, tenant, new Uri(address));
        return self;
    }

    /// <summary>The next <paramref name="count"/> requests get 503.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    public RecoveryPointQueries Queries => _app.Services.GetRequiredService<RecoveryPointQueries>();

    /// <summary>Every row of every table of the tenant database as text, read as the superuser (past RLS).</summary>
    public async Task<string> DumpDatabaseAsync()
    {
        var superuser = new NpgsqlConnectionStringBuilder(await TestPostgres.AdminConnectionStringAsync()) { Database = Tenant.DatabaseName }.ConnectionString;
        return await Dump.AllTablesAsync(superuser);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class Dump
{
    /// <summary>Every row of every user table of the database, as PostgreSQL's text form of the row.</summary>
    public static async Task<string> AllTablesAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            """, conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM {table} t", conn);
            text.Append(table).Append('\n').Append((string)(await rows.ExecuteScalarAsync())!).Append('\n');
        }

        return text.ToString();
    }
}
