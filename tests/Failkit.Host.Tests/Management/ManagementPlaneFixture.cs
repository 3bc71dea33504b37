using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Management;
using Failkit.Management.OAuth;
using Failkit.Management.Planes;
using Failkit.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Host.Tests.Management;

/// <summary>One management process for a test class, plus the management library over the same database and key ring:
/// the tests use it to add a platform client of another role and to derive plane keys as the plane does.</summary>
public sealed class ManagementPlaneFixture : IAsyncLifetime
{
    private ServiceProvider _library = null!;

    public ManagementProcess Process { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string Demo => Process.Config.DemoSlug;

    public async ValueTask InitializeAsync()
    {
        // The demo drill runs too, as ./failkit up runs it: one management plane start covers both.
        Process = await ManagementProcess.StartAsync(await ManagementProcess.NewSettingsAsync(("demo" + Guid.NewGuid().ToString("N"))[..12]) with { DemoDrill = true });
        var config = Process.Config;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFailkitManagement(o =>
        {
            o.ConnectionString = config.ConnectionString;
            o.AdminConnectionString = config.Admin;
            o.KeyRingDirectory = Path.Combine(config.StateDirectory, "keys", "management");
            o.TenantKeyRingRoot = Path.Combine(config.StateDirectory, "keys", "tenants");
            o.MigrateOnStartup = false;
        });
        services.AddFailkitPlatformOAuth(config.ConnectionString, allowPlainHttp: true);
        _library = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _library.DisposeAsync();
        await Process.DisposeAsync();
    }

    public Task<string> PlaneKeyAsync(string slug) => _library.GetRequiredService<TenantCredentials>().PlaneKeyAsync(TenantSlug.Parse(slug));

    public Task<PlatformClientSecret> ClientAsync(string clientId, params string[] roles) =>
        _library.GetRequiredService<PlatformClients>().EnsureAsync(clientId, clientId, roles);

    public Task<string> TokenAsync(string clientId, string secret) => Process.TokenAsync(clientId, secret);

    public Task<string> OperatorTokenAsync() => Process.OperatorTokenAsync();

    /// <summary>A request to the gateway with <paramref name="host"/> as Host (with the public port).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        string host, HttpMethod method, string path, string? bearer = null, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(Process.Gateway, path)) { Content = content };
        request.Headers.Host = $"{host}:{Process.Config.PublicPort}";
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A call to the management plane's internal API, directly (as a tenant plane makes it).</summary>
    public async Task<HttpResponseMessage> RedeemAsync(string slug, string token, string? planeKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Process.Internal, $"internal/planes/{slug}/bootstrap-tokens/redeem"))
        {
            Content = JsonContent.Create(new { token }),
        };
        if (planeKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(PlaneKeys.Scheme, planeKey);
        }

        return await Http.SendAsync(request);
    }
}
