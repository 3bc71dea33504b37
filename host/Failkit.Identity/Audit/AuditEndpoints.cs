using Failkit.Identity.Data;
using Failkit.Identity.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Identity.Audit;

/// <summary><c>/api/audit-events</c>: owners, admins and auditors read the log, newest first, in pages.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", List).WithName("ListAuditEvents").WithTags("Audit").RequireAuthorization(Policies.Audit);
        return api;
    }

    public sealed record AuditEventView(long Seq, DateTimeOffset At, string Kind, string Actor, string? Target, string? Detail, string PrevSha256);

    public sealed record AuditPage(IReadOnlyList<AuditEventView> Items);

    /// <summary><paramref name="before"/>: only events numbered below it (the next page).</summary>
    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        IdentityDatabase db, HttpContext http, string? kind, string? actor, long? before, int? limit)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Invalid("limit", "Between 1 and 1000.");
        }

        var rows = await db.QueryAsync("""
            SELECT seq, at, kind, actor, target, detail, prev_sha256 FROM identity.audit_events
            WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR actor = $2) AND ($3::bigint IS NULL OR seq < $3)
            ORDER BY seq DESC LIMIT $4
            """, r => new AuditEventView(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(6))),
            http.RequestAborted, kind, actor, before, limit ?? 100);
        return TypedResults.Ok(new AuditPage(rows));
    }
}
