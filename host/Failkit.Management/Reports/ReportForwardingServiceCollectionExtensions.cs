using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Management.Reports;

public static class ReportForwardingServiceCollectionExtensions
{
    /// <summary>Makes <see cref="PlaneForwardingRecoveryPointSink"/> the report sink, with the outbox re-forwarder.
    /// Needs an <c>IOrchestrator</c>, and an <see cref="IPlaneKeyProvider"/> unless
    /// <see cref="ReportForwardingOptions.ManagementSecret"/> is set. Call it before or after
    /// <c>AddFailkitManagement</c>.</summary>
    public static IServiceCollection AddRecoveryPointForwarding(this IServiceCollection services, Action<ReportForwardingOptions>? configure = null)
    {
        var options = new ReportForwardingOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        if (options.ManagementSecret is { } secret)
        {
            services.TryAddSingleton<IPlaneKeyProvider>(new PlaneKeyProvider(secret));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ReportForwarder.HttpClientName, c => c.Timeout = options.RequestTimeout);
        services.AddSingleton<ReportOutbox>();
        services.AddSingleton<ReportForwarder>();
        services.RemoveAll<IRecoveryPointSink>();
        services.AddSingleton<IRecoveryPointSink, PlaneForwardingRecoveryPointSink>();
        services.AddSingleton<ReportReforwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportReforwarder>());
        return services;
    }
}
