using Npgsql;

namespace Failkit.Management.Incidents;

/// <summary>An incident as one tenant plane knows it: the notices the management plane handed over, newest state first.</summary>
public sealed record TenantIncident(Guid IncidentId, string Title, string Severity, string State, DateTimeOffset FirstNoticeAt, IReadOnlyList<TenantIncidentNotice> Notices)
{
    /// <summary>Not closed yet: the management plane's incident still runs (same rule as <see cref="SecurityIncident.IsClosed"/>).</summary>
    public bool IsOpen => State != "closed";
}

public sealed record TenantIncidentNotice(string Kind, string Message, DateTimeOffset At);

/// <summary><c>notifications.incident_notices</c> over a tenant plane's scoped connection (RLS keeps it to this tenant).
/// Lives with the incident model so the tenant plane's API and its portal read the same list.</summary>
public sealed class TenantNoticeStore(string connectionString, TimeProvider time) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(connectionString);

    public async Task AddAsync(IncidentNotice n, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(n);
        await using var cmd = _db.CreateCommand("""
            INSERT INTO notifications.incident_notices (id, incident_id, kind, title, severity, state, message, at, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        foreach (var v in new object[] { Guid.NewGuid(), n.IncidentId, n.Kind, n.Title, n.Severity, n.State, n.Message, n.At, time.GetUtcNow() })
        {
            cmd.Parameters.AddWithValue(v);
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<TenantIncident>> ListAsync(CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT incident_id, kind, title, severity, state, message, at FROM notifications.incident_notices ORDER BY at DESC LIMIT 500
            """);
        var rows = new List<(Guid Id, string Kind, string Title, string Severity, string State, string Message, DateTimeOffset At)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                rows.Add((r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6)));
            }
        }

        // The newest notice carries the incident's latest title and state.
        return rows.GroupBy(x => x.Id).Select(g => new TenantIncident(g.Key, g.First().Title, g.First().Severity, g.First().State,
            g.Min(x => x.At), g.OrderBy(x => x.At).Select(x => new TenantIncidentNotice(x.Kind, x.Message, x.At)).ToList())).ToList();
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
