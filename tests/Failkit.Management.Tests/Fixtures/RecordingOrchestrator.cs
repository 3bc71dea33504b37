using System.Collections.Concurrent;
using Failkit.Orchestration;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>Stands in for the orchestrator in the endpoint tests, which check the registry and the HTTP contract; the
/// real drivers are tested in Failkit.Orchestration.Tests and end to end in Failkit.Host.Tests.</summary>
public sealed class RecordingOrchestrator : IOrchestrator
{
    private readonly ConcurrentDictionary<string, Uri> _running = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<Uri> StartTenantAsync(TenantWorkload workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        Calls.Enqueue("start " + workload.Slug);
        return Task.FromResult(_running.GetOrAdd(workload.Slug, s => new Uri($"http://127.0.0.1:9/{s}/")));
    }

    public Task StopTenantAsync(string slug, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue("stop " + slug);
        _running.TryRemove(slug, out _);
        return Task.CompletedTask;
    }

    public Task<Uri?> GetEndpointAsync(string slug, CancellationToken cancellationToken = default) =>
        Task.FromResult(_running.TryGetValue(slug, out var endpoint) ? endpoint : null);
}
