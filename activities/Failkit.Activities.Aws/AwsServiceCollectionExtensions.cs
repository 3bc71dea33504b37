using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Activities.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>Registers the AWS <see cref="ICloudProvider"/>. Failkit's own AWS identity comes from the SDK's default
    /// chain unless an <see cref="AwsPlatformCredentials"/> is registered.</summary>
    public static IServiceCollection AddAwsCloud(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICloudProvider, AwsCloudProvider>();
        return services;
    }
}
