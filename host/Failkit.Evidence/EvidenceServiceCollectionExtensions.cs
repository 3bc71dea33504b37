using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Evidence;

public static class EvidenceServiceCollectionExtensions
{
    /// <summary>Signed drill reports over the tenant database (<c>AddFailkitProtection</c> registers the connection,
    /// <c>AddFailkitDrills</c> the drills): keys, the chain, retention, and the sweep that reports every finished drill.</summary>
    public static IServiceCollection AddFailkitEvidence(this IServiceCollection services, Action<EvidenceOptions>? configure = null)
    {
        var options = new EvidenceOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.AddSingleton<ReportKeys>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportChain>();
        services.AddSingleton<EvidenceRetention>();
        services.AddHostedService<ReportSweeper>();
        return services;
    }
}
