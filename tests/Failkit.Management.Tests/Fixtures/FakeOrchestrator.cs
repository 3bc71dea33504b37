using System.Collections.Concurrent;
using Failkit.Orchestration;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>Stands in for the orchestrator where only the endpoint lookup matters: the tenant planes under test are
/// Kestrel apps in this process, not child processes.</summary>
public sealed class FakeOrchestrator : IOrchestrator
{
    public ConcurrentDictionary<string, Uri> Endpoints { get; } = new(StringComparer.Ordinal);

    public Task<Uri> StartTenantAsync(TenantWorkload workload, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The forwarding tests never start a tenant plane through the orchestrator.");

    public Task StopTenantAsync(string slug, CancellationToken cancellationToken = default)
    {
        Endpoints.TryRemove(slug, out _);
        return Task.CompletedTask;
    }

    public Task<Uri?> GetEndpointAsync(string slug, CancellationToken cancellationToken = default) =>
        Task.FromResult(Endpoints.TryGetValue(slug, out var url) ? url : null);
}
