using System.Collections.Concurrent;
using Failkit.Tenancy.Audit;
using Npgsql;

namespace Failkit.Sso.Tests.Fixtures;

/// <summary>Keeps the entries the SSO module writes, in order.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public IReadOnlyList<AuditEntry> Entries => [.. _entries];

    public Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task WriteAsync(NpgsqlConnection conn, AuditEntry entry, CancellationToken ct = default) => WriteAsync(entry, ct);
}
