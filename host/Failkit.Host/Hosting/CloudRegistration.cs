using Failkit.Activities.Aws;
using Failkit.Activities.Azure;
using Failkit.Activities.Gcp;
using Failkit.Activities.Sim;

namespace Failkit.Host.Hosting;

public static class CloudRegistration
{
    /// <summary>Every cloud a drill can boot in. Sim is always there: it is the embedded default and the demo.</summary>
    public static IServiceCollection AddFailkitClouds(this IServiceCollection services)
    {
        services.AddSimCloud();
        services.AddAwsCloud();
        services.AddAzureCloud();
        services.AddGcpCloud();
        return services;
    }
}
