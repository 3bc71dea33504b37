using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Protection.Tests.Fixtures;

/// <summary>A tenant plane as far as recovery points go: a real Kestrel on 127.0.0.1 with the protection endpoint
/// groups over a provisioned tenant database, its plane key derived from a management secret like production's.</summary>
public sealed class TenantPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TenantPlane(WebApplication app, TenantDatabase tenant, byte[] managementSecret, string url)
    {
        _app = app;
        Tenant = tenant;
        ManagementSecret = managementSecret;
        Url = url;
    }

    public TenantDatabase Tenant { get; }

    public byte[] ManagementSecret { get; }

    public string Url { get; }

    public string PlaneKey => PlaneKeys.Derive(ManagementSecret, Tenant.Slug);

    public static async Task<TenantPlane> StartAsync(TenantDatabase? tenant = null, byte[]? managementSecret = null)
    {
        tenant ??= await ProtectedTenant.ProvisionAsync();
        managementSecret ??= RandomNumberGenerator.GetBytes(32);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration[PlaneKeys.ConfigurationKey] = PlaneKeys.Derive(managementSecret, tenant.Slug);
        builder.Services.AddFailkitProtection(tenant.AppConnectionString);
        var app = builder.Build();
        app.MapRecoveryPointIntakeEndpoints();
        app.MapRecoveryPointEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TenantPlane(app, tenant, managementSecret, address.TrimEnd('/'));
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A client for the plane; <paramref name="planeKey"/> is sent as <c>Authorization: PlaneKey</c> when given.</summary>
    public HttpClient Client(string? planeKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url + "/") };
        if (planeKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(PlaneKeys.Scheme, planeKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
