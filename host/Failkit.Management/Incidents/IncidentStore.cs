using Npgsql;

namespace Failkit.Management.Incidents;

/// <summary>The incident tables of the management database. Every write is one statement, so a workflow step that
/// is retried after a crash finds the row in the state the statement left it.</summary>
public sealed partial class IncidentStore(ManagementDatabase db, TimeProvider time)
{
    public async Task<SecurityIncident> CreateAsync(
        string title, string severity, string whatHappened, DateTimeOffset confirmedAt, string createdBy, IReadOnlyList<string> slugs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(slugs);
        var id = Guid.NewGuid();
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO management.incidents (id, title, severity, what_happened, confirmed_at, created_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(title);
            cmd.Parameters.AddWithValue(severity);
            cmd.Parameters.AddWithValue(whatHappened);
            cmd.Parameters.AddWithValue(confirmedAt);
            cmd.Parameters.AddWithValue(time.GetUtcNow());
            cmd.Parameters.AddWithValue(createdBy);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        foreach (var slug in slugs.Distinct(StringComparer.Ordinal))
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO management.incident_tenants (incident_id, tenant_slug) VALUES ($1, $2)", conn, tx);
            cmd.Parameters.AddWithValue(id);
            cmd.Parameters.AddWithValue(slug);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await AddUpdateAsync(conn, id, "Incident confirmed; affected customers are being notified.", ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(id, ct))!;
    }

    public async Task<SecurityIncident?> GetAsync(Guid id, CancellationToken ct)
    {
        var rows = await QueryAsync($"SELECT {SecurityIncident.Columns} FROM management.incidents WHERE id = $1", ct, id);
        return rows.SingleOrDefault();
    }

    /// <summary>Open incidents and those closed since <paramref name="since"/>, newest first (the status page).</summary>
    public Task<List<SecurityIncident>> ListAsync(DateTimeOffset since, CancellationToken ct) =>
        QueryAsync($"SELECT {SecurityIncident.Columns} FROM management.incidents WHERE state = 'open' OR closed_at >= $1 ORDER BY created_at DESC LIMIT 50", ct, since);

    public Task SetWorkflowAsync(Guid id, string instanceId, CancellationToken ct) =>
        ExecuteAsync("UPDATE management.incidents SET workflow_instance_id = $2 WHERE id = $1", ct, id, instanceId);

    /// <summary>Decides the 24-hour flag once; a later call keeps the first decision.</summary>
    public Task SetNotifiedInTimeAsync(Guid id, bool inTime, CancellationToken ct) =>
        ExecuteAsync("UPDATE management.incidents SET notified_in_time = $2 WHERE id = $1 AND notified_in_time IS NULL", ct, id, inTime);

    /// <summary>Stores the postmortem; false when one is already stored or the incident is closed.</summary>
    public async Task<bool> SetPostmortemAsync(Guid id, string document, CancellationToken ct) =>
        await ExecuteAsync("""
            UPDATE management.incidents SET postmortem = $2, postmortem_at = $3
            WHERE id = $1 AND postmortem IS NULL AND state = 'open'
            """, ct, id, document, time.GetUtcNow()) == 1;

    public async Task CloseAsync(Guid id, bool postmortemInTime, CancellationToken ct)
    {
        await ExecuteAsync("""
            UPDATE management.incidents SET state = 'closed', closed_at = $2, postmortem_in_time = $3 WHERE id = $1 AND state = 'open'
            """, ct, id, time.GetUtcNow(), postmortemInTime);
        await AddUpdateAsync(id, "Postmortem published; incident closed.", ct);
    }

    public async Task AddUpdateAsync(Guid id, string message, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await AddUpdateAsync(conn, id, message, ct);
    }

    public async Task<List<IncidentUpdate>> UpdatesAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT at, message FROM management.incident_updates WHERE incident_id = $1 ORDER BY id", conn);
        cmd.Parameters.AddWithValue(id);
        var list = new List<IncidentUpdate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new IncidentUpdate(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1)));
        }

        return list;
    }

    private async Task AddUpdateAsync(NpgsqlConnection conn, Guid id, string message, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("INSERT INTO management.incident_updates (incident_id, at, message) VALUES ($1, $2, $3)", conn);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        cmd.Parameters.AddWithValue(message);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<List<SecurityIncident>> QueryAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        var list = new List<SecurityIncident>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new SecurityIncident(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
                r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.GetString(7), NullableString(r, 8), r.IsDBNull(9) ? null : r.GetBoolean(9),
                NullableString(r, 10), NullableTime(r, 11), r.IsDBNull(12) ? null : r.GetBoolean(12), NullableTime(r, 13)));
        }

        return list;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a ?? DBNull.Value);
        }

        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
