using Failkit.Activities.Notifications;
using Failkit.Identity;
using Failkit.Management.Incidents;
using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Failkit.Host.Hosting;

public sealed record IncidentRecipientsRequest(string[]? Roles);

public sealed record TenantIncident(Guid IncidentId, string Title, string Severity, string State, DateTimeOffset FirstNoticeAt, IReadOnlyList<TenantIncidentNotice> Notices);

public sealed record TenantIncidentNotice(string Kind, string Message, DateTimeOffset At);

/// <summary>The tenant plane's side of incident response (docs/decisions/notifications-incident-workflow.md): the
/// management plane asks for the people to notify and hands over each notice, which lands in the audit log and in
/// the tenant's own <c>GET /api/incidents</c>. Other tenants' incidents never reach this plane.</summary>
public static class TenantIncidentEndpoints
{
    public static WebApplication MapTenantIncidentEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var internalApi = app.MapGroup("/internal/incidents").WithTags("Internal").RequirePlaneKey().DisableAntiforgery().ExcludeFromDescription();
        internalApi.MapPost("/recipients", RecipientsAsync).WithName("InternalIncidentRecipients");
        internalApi.MapPost("/notices", RecordNoticeAsync).WithName("InternalIncidentNotice");
        app.MapGet("/api/incidents", ListAsync).WithTags("Incidents").WithName("ListTenantIncidents").RequireAuthorization(Policies.Read);
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<string>>> RecipientsAsync(IncidentRecipientsRequest body, IRecipientDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.EmailsByRoleAsync(body.Roles ?? [], ct));

    internal static async Task<Results<NoContent, ValidationProblem>> RecordNoticeAsync(
        IncidentNotice notice, TenantNoticeStore store, IAuditTrail audit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(notice.Kind) || string.IsNullOrWhiteSpace(notice.Title) || notice.Title.Length > 200 || notice.Message.Length > 2000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["notice"] = ["kind, title (≤ 200) and message (≤ 2000) are required"] });
        }

        await store.AddAsync(notice, ct);
        await audit.WriteAsync(new AuditEntry(notice.Kind, "system:management", $"incident:{notice.IncidentId}", $"{notice.Title}: {notice.Message}"), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<TenantIncident>>> ListAsync(TenantNoticeStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));
}

/// <summary><c>notifications.incident_notices</c> over the plane's scoped connection (RLS keeps it to this tenant).</summary>
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
