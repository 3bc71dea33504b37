using Microsoft.Extensions.Hosting;

namespace Failkit.Management;

/// <summary>Migrates the management schema when the host starts, so a fresh plane is ready before its first request
/// (the first database use would otherwise do it).</summary>
internal sealed class ManagementStartup(ManagementDatabase db, ManagementOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateOnStartup)
        {
            await db.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
