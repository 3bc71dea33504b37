using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Activities.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>Registers the Azure <see cref="ICloudProvider"/>; time comes from the container's
    /// <see cref="TimeProvider"/>, <see cref="TimeProvider.System"/> unless one is registered.</summary>
    public static IServiceCollection AddAzureCloud(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICloudProvider, AzureCloudProvider>();
        return services;
    }
}
