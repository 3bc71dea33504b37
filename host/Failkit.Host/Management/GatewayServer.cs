using Failkit.Gateway;
using Failkit.Host.Transport;

namespace Failkit.Host.Management;

/// <summary>The gateway (YARP) as a second web application inside the management process, on the public URLs. It shares
/// the route table with the management plane, so onboarding, suspension and restore reach it at once.</summary>
public sealed class GatewayServer(ManagementPlaneSettings settings, ITenantRouteTable routes, IConfiguration config) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddConfiguration(config);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Join(';', settings.PublicUrls));
        builder.AddFailkitTransportSecurity();
        builder.Services.AddSingleton(routes);
        builder.Services.AddFailkitGateway(o =>
        {
            o.Domain = settings.Domain;
            o.ManagementEndpoint = settings.InternalUrl;
        });
        _app = builder.Build();
        _app.UseFailkitTransportSecurity();
        _app.UseFailkitGateway();
        await _app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
