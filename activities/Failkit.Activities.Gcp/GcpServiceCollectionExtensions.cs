using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Activities.Gcp;

public static class GcpServiceCollectionExtensions
{
    public static IServiceCollection AddGcpCloud(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICloudProvider, GcpCloudProvider>();
        return services;
    }
}
