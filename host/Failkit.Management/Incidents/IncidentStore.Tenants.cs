using Npgsql;

namespace Failkit.Management.Incidents;

public sealed partial class IncidentStore
{
    public async Task<List<IncidentTenant>> TenantsAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT tenant_slug, notified_at, acknowledged_at, acknowledged_by, escalated_at
            FROM management.incident_tenants WHERE incident_id = $1 ORDER BY tenant_slug
            """, conn);
        cmd.Parameters.AddWithValue(id);
        var list = new List<IncidentTenant>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new IncidentTenant(r.GetString(0), NullableTime(r, 1), NullableTime(r, 2), NullableString(r, 3), NullableTime(r, 4)));
        }

        return list;
    }

    /// <summary>Incidents that affect <paramref name="slug"/>, for that tenant's own view.</summary>
    public Task<List<SecurityIncident>> ListForTenantAsync(string slug, CancellationToken ct) => QueryAsync($"""
        SELECT {SecurityIncident.Columns} FROM management.incidents i
        WHERE EXISTS (SELECT 1 FROM management.incident_tenants t WHERE t.incident_id = i.id AND t.tenant_slug = $1)
        ORDER BY created_at DESC LIMIT 50
        """, ct, slug);

    public async Task<List<IncidentRecipient>> RecipientsAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT id, tenant_slug, email, role, attempts, delivered_at, last_error, postmortem_delivered_at
            FROM management.incident_recipients WHERE incident_id = $1 ORDER BY tenant_slug, role DESC, email
            """, conn);
        cmd.Parameters.AddWithValue(id);
        var list = new List<IncidentRecipient>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new IncidentRecipient(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                NullableTime(r, 5), NullableString(r, 6), NullableTime(r, 7)));
        }

        return list;
    }

    /// <summary>Adds a recipient once; the same address for the same tenant is kept as it was.</summary>
    public Task AddRecipientAsync(Guid id, string slug, string email, string role, CancellationToken ct) => ExecuteAsync("""
        INSERT INTO management.incident_recipients (id, incident_id, tenant_slug, email, role) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (incident_id, tenant_slug, email) DO NOTHING
        """, ct, Guid.NewGuid(), id, slug, email, role);

    public Task RecordAttemptAsync(Guid recipientId, string? error, CancellationToken ct) => ExecuteAsync("""
        UPDATE management.incident_recipients
        SET attempts = attempts + 1, last_error = $2, delivered_at = CASE WHEN $2::text IS NULL THEN $3 ELSE delivered_at END
        WHERE id = $1
        """, ct, recipientId, error, time.GetUtcNow());

    public Task MarkPostmortemDeliveredAsync(Guid recipientId, CancellationToken ct) =>
        ExecuteAsync("UPDATE management.incident_recipients SET postmortem_delivered_at = $2 WHERE id = $1", ct, recipientId, time.GetUtcNow());

    /// <summary>The tenant counts as notified from its first delivered owner message; later ones do not move it.</summary>
    public Task MarkTenantNotifiedAsync(Guid id, string slug, CancellationToken ct) => ExecuteAsync("""
        UPDATE management.incident_tenants SET notified_at = $3 WHERE incident_id = $1 AND tenant_slug = $2 AND notified_at IS NULL
        """, ct, id, slug, time.GetUtcNow());

    public Task MarkEscalatedAsync(Guid id, string slug, CancellationToken ct) => ExecuteAsync("""
        UPDATE management.incident_tenants SET escalated_at = $3 WHERE incident_id = $1 AND tenant_slug = $2 AND escalated_at IS NULL
        """, ct, id, slug, time.GetUtcNow());

    /// <summary>Records the first acknowledgement of the recipient's tenant; false when the recipient is unknown.</summary>
    public async Task<bool> AcknowledgeAsync(Guid id, Guid recipientId, CancellationToken ct) => await ExecuteAsync("""
        UPDATE management.incident_tenants t SET acknowledged_at = COALESCE(t.acknowledged_at, $3), acknowledged_by = COALESCE(t.acknowledged_by, r.email)
        FROM management.incident_recipients r
        WHERE r.id = $2 AND r.incident_id = $1 AND t.incident_id = r.incident_id AND t.tenant_slug = r.tenant_slug
        """, ct, id, recipientId, time.GetUtcNow()) == 1;
}
