using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Drills.Tests.Fixtures;

internal static class ProviderSwap
{
    /// <summary>Replaces the host's registration of <typeparamref name="TProvider"/> with <paramref name="replacement"/>.
    /// The plane keeps one provider per kind, so the original must go.</summary>
    public static IServiceCollection ReplaceCloud<TProvider>(this IServiceCollection services, Func<IServiceProvider, ICloudProvider> replacement)
        where TProvider : ICloudProvider
    {
        var original = services.Where(d => d.ServiceType == typeof(ICloudProvider) && d.ImplementationType == typeof(TProvider)).ToList();
        if (original.Count != 1)
        {
            throw new InvalidOperationException($"Expected the host to register {typeof(TProvider).Name} once, found {original.Count}.");
        }

        services.Remove(original[0]);
        services.AddSingleton(replacement);
        return services;
    }

    /// <summary>Backoff in milliseconds, so throttling through the runbook stays fast while still really waiting.</summary>
    public static CloudCalls FastCalls() =>
        new(8, TimeProvider.System, maxAttempts: 6, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(40));
}
