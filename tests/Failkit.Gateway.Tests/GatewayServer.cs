using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Gateway.Tests;

/// <summary>The production registration (<see cref="GatewayExtensions"/>) on a real loopback socket.</summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayServer(WebApplication app)
    {
        _app = app;
        Routes = app.Services.GetRequiredService<ITenantRouteTable>();
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public ITenantRouteTable Routes { get; }

    public HttpClient Client { get; }

    public static async Task<GatewayServer> StartAsync(Uri management)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFailkitGateway(o =>
        {
            o.Domain = "localhost";
            o.ManagementEndpoint = management;
        });
        var app = builder.Build();
        app.UseFailkitGateway();
        await app.StartAsync();
        return new GatewayServer(app);
    }

    /// <summary>A GET with the given Host header and any extra headers a client might forge.</summary>
    public async Task<HttpResponseMessage> GetAsync(string host, string path = "/", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
