using System.Net;
using Failkit.Testing;
using Failkit.Workflows.Api;
using Failkit.Workflows.Core.Activities;
using Failkit.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Workflows.Api.Tests;

/// <summary>The production registration (<c>AddFailkitWorkflows</c> + <c>AddElsaApi</c> + <c>MapElsaApi</c>) on a
/// real loopback socket, with in-memory stores, the background worker off and WriteLine captured.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public CapturingConsole Console => Services.GetRequiredService<CapturingConsole>();

    public static async Task<ApiServer> StartAsync(Action<IServiceCollection>? services = null, Action<ElsaApiOptions>? api = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<CapturingConsole>();
        builder.Services.AddSingleton<IWorkflowConsole>(sp => sp.GetRequiredService<CapturingConsole>());
        services?.Invoke(builder.Services);
        builder.Services.AddFailkitWorkflows(b => b.RunWorker = false);
        builder.Services.AddElsaApi(api);
        var app = builder.Build();
        app.MapElsaApi("/elsa/api");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiServer(app, new Uri(address.TrimEnd('/') + "/elsa/api/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A fresh server per test, so no test sees another's data.</summary>
public abstract class ApiTest : IAsyncLifetime
{
    private ApiServer? _server;

    protected ApiServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    protected HttpClient Client => Server.Client;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await StartServerAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Override to swap infrastructure (a failing store...) into the production registration.</summary>
    protected virtual Task<ApiServer> StartServerAsync() => ApiServer.StartAsync();
}
