namespace Failkit.Orchestration;

/// <summary>Starts and stops tenant planes. Every operation is idempotent, so a crashed onboarding or
/// offboarding workflow can simply run its step again.</summary>
public interface IOrchestrator
{
    /// <summary>Starts the tenant's plane, or returns the endpoint of the one already running.</summary>
    Task<Uri> StartTenantAsync(TenantWorkload workload, CancellationToken cancellationToken = default);

    /// <summary>Stops the tenant's plane; stopping one that is not running does nothing.</summary>
    Task StopTenantAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>Where the gateway should send the tenant's traffic, or null when the plane is not running.</summary>
    Task<Uri?> GetEndpointAsync(string slug, CancellationToken cancellationToken = default);
}
