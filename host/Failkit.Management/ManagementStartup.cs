using Failkit.Management.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Failkit.Management;

/// <summary>Migrates the management schema when the host starts, so a fresh plane is ready before its first request
/// (the first database use would otherwise do it), and creates OpenIddict's tables when the platform OAuth server is
/// registered.</summary>
internal sealed class ManagementStartup(ManagementDatabase db, ManagementOptions options, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateOnStartup)
        {
            await db.MigrateAsync(cancellationToken);
            if (services.GetService<IServiceScopeFactory>() is { } scopes)
            {
                await using var scope = scopes.CreateAsyncScope();
                if (scope.ServiceProvider.GetService<PlatformOAuthDbContext>() is not null)
                {
                    await OpenIddictSchema.EnsureAsync(services, options.ConnectionString, cancellationToken);
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
