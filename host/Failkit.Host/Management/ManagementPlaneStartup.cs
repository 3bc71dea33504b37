using Failkit.Host.Embedded;
using Failkit.Management.Planes;
using Failkit.Management.Tenants;

namespace Failkit.Host.Management;

/// <summary>Once the management plane and its gateway listen: every active tenant's plane is started again and routed
/// (every suspended one routed as suspended); in embedded mode the demo tenant is onboarded or reused and the start-up
/// report is printed and written to <c>.failkit/embedded.json</c>.</summary>
public sealed partial class ManagementPlaneStartup(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IConfiguration config,
    ManagementPlaneSettings settings,
    EmbeddedDatabase database,
    ILogger<ManagementPlaneStartup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(RunAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        var ct = lifetime.ApplicationStopping;
        try
        {
            await services.GetRequiredService<TenantPlanes>().RestoreAsync(services.GetRequiredService<TenantRegistry>(), ct);
            if (config.GetValue("Failkit:Embedded:Demo", database.IsEmbedded))
            {
                await EmbeddedDemoAsync(ct);
            }
            else
            {
                System.Console.WriteLine($"  Platform API:   {settings.PublicUrl.AbsoluteUri.TrimEnd('/')}/platform/tenants");
                System.Console.WriteLine($"  Console:        {settings.PublicUrl.AbsoluteUri.TrimEnd('/')}/console");
                System.Console.WriteLine($"Failkit is ready: {settings.PublicUrl.AbsoluteUri.TrimEnd('/')}");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down while starting: nothing to report.
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Management plane start-up failed");
            System.Console.Error.WriteLine($"Failkit failed to start: {ex.Message}");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
