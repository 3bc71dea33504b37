using Failkit.Identity.Data;

namespace Failkit.Identity.Audit;

/// <summary>One page of the audit log, newest first: the query behind <c>GET /api/audit</c> and the portal's table.</summary>
public sealed class AuditQuery(IdentityDatabase db)
{
    public async Task<AuditEndpoints.AuditPage> PageAsync(AuditFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = await db.QueryAsync($"""
            SELECT seq, at, kind, actor, target, detail, source, before, after, prev_sha256 FROM identity.audit_events
            WHERE {AuditFilter.Where} ORDER BY seq DESC LIMIT $8
            """, r => new AuditEndpoints.AuditEventView(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), Text(r, 4),
                Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(9))),
            ct, [.. filter.Arguments(), filter.Limit]);
        return new AuditEndpoints.AuditPage(rows, rows.Count == filter.Limit ? rows[^1].Seq : null);
    }

    private static string? Text(Npgsql.NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
