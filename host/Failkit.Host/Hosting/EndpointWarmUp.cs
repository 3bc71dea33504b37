namespace Failkit.Host.Hosting;

/// <summary>Builds every endpoint's request delegate before Kestrel listens. Otherwise the first request, usually a
/// health probe, pays for compiling ~80 endpoints and can outlast the prober's timeout on a busy machine; this way
/// the port opens only when the plane can answer at once.</summary>
public sealed class EndpointWarmUp(EndpointDataSource endpoints) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = endpoints.Endpoints.Count;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
