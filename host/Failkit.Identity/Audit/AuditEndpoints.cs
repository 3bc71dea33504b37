using Failkit.Identity.Data;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Identity.Audit;

/// <summary><c>/api/audit</c>: owners, admins and auditors page through the log, newest first, and export it as JSON
/// Lines, oldest first. <c>/api/audit-events</c> is the older name of the list and answers the same.</summary>
public static class AuditEndpoints
{
    public const string JsonLines = "application/jsonl";

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("").WithTags("Audit").RequireAuthorization(Policies.Audit);
        audit.MapGet("/audit", List).WithName("ListAudit");
        audit.MapGet("/audit/export", Export).WithName("ExportAudit");
        audit.MapGet("/audit-events", List).WithName("ListAuditEvents");
        return api;
    }

    public sealed record AuditEventView(
        long Seq, DateTimeOffset At, string Kind, string Actor, string? Target, string? Detail, string? Source, string? Before, string? After,
        string PrevSha256);

    /// <param name="NextBefore">The <c>before</c> of the next (older) page; null on the last page.</param>
    public sealed record AuditPage(IReadOnlyList<AuditEventView> Items, long? NextBefore);

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> List(
        AuditQuery query, HttpContext http, string? kind, string? actor, string? target, string? from, string? to, string? before, string? limit)
    {
        var (filter, errors) = AuditFilter.Parse(kind, actor, target, from, to, before, limit, defaultLimit: 100);
        return filter is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await query.PageAsync(filter, http.RequestAborted));
    }

    /// <summary>Auditors may export: they are the export's audience. The export is itself an event, written before the
    /// rows are read, so an unbounded export ends with its own <c>audit.exported</c>.</summary>
    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(
        IdentityDatabase db, IAuditTrail audit, HttpContext http, string? from, string? to)
    {
        var (filter, errors) = AuditFilter.Parse(null, null, null, from, to, null, null, defaultLimit: 1);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await audit.WriteAsync(AuditEntry.For(http, AuditKinds.AuditExported, "audit-log",
            $"from {from ?? "the first event"} to {to ?? "now"}"), http.RequestAborted);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.jsonl\"";
        return TypedResults.Stream(body => WriteLinesAsync(db, filter, body, http.RequestAborted), JsonLines);
    }

    private static async Task WriteLinesAsync(IdentityDatabase db, AuditFilter filter, Stream body, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = IdentityDatabase.Command(conn, $"""
            SELECT {AuditRecords.Columns} FROM identity.audit_events WHERE {AuditFilter.Where} ORDER BY seq
            """, filter.Arguments());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        while (await reader.ReadAsync(ct))
        {
            await writer.WriteAsync(AuditRecords.Read(reader).ToJsonLine());
            await writer.WriteAsync('\n');
        }
    }
}
