using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Drills;

public static class DrillsServiceCollectionExtensions
{
    /// <summary>The drill domain of a tenant plane: stores over the tenant database (<c>AddFailkitProtection</c> registers
    /// the connection), the launcher, cancel/approve, the cron scheduler and the supervisor that guarantees cleanup.
    /// Cloud providers are registered separately (<c>AddSimCloud()</c>, <c>AddAwsCloud()</c>...).</summary>
    public static IServiceCollection AddFailkitDrills(this IServiceCollection services, Action<DrillsOptions>? configure = null)
    {
        var options = new DrillsOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.AddSingleton<CloudProviders>();
        services.AddSingleton<CloudAccountStore>();
        services.AddSingleton<ProtectionGroupStore>();
        services.AddSingleton<ProtectionGroupChanges>();
        services.AddSingleton<CloudAccountChanges>();
        services.AddSingleton<CloudConnectionTest>();
        services.AddSingleton<DrillStore>();
        services.AddSingleton<DrillLauncher>();
        services.AddSingleton<DrillControl>();
        services.TryAddSingleton<IRecoveryPointImages, MetadataRecoveryPointImages>();
        services.AddHostedService<DrillScheduler>();
        services.AddHostedService<DrillSupervisor>();
        return services;
    }
}
