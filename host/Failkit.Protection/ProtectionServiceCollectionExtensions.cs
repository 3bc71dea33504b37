using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Protection;

public static class ProtectionServiceCollectionExtensions
{
    /// <summary>Registers the recovery point store and queries over the tenant database.</summary>
    /// <param name="connectionString">The application role's connection string, scoped to the tenant
    /// (<c>ConnectionStrings:Failkit</c> of a tenant plane).</param>
    public static IServiceCollection AddFailkitProtection(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(_ => new ProtectionDatabase(connectionString));
        services.AddSingleton<RecoveryPointStore>();
        services.AddSingleton<RecoveryPointQueries>();
        services.AddProblemDetails();
        return services;
    }
}
