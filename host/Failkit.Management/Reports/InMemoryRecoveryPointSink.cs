using System.Collections.Concurrent;

namespace Failkit.Management.Reports;

/// <summary>Keeps accepted reports in memory, for tests and for a host that has no tenant plane yet.</summary>
public sealed class InMemoryRecoveryPointSink : IRecoveryPointSink
{
    private readonly ConcurrentQueue<ReceivedReport> _reports = new();

    public IReadOnlyList<ReceivedReport> Reports => [.. _reports];

    public Task AcceptAsync(ReceivedReport received, CancellationToken ct)
    {
        _reports.Enqueue(received);
        return Task.CompletedTask;
    }
}
