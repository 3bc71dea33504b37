using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Activities.Sim;

public static class SimServiceCollectionExtensions
{
    /// <summary>Registers the simulated cloud as an <see cref="ICloudProvider"/>; latencies elapse on the registered
    /// <see cref="TimeProvider"/> (the system clock unless one is registered).</summary>
    public static IServiceCollection AddSimCloud(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICloudProvider, SimCloudProvider>();
        return services;
    }
}
