using Failkit.Activities.Notifications;
using Failkit.Identity;
using Failkit.Management.Incidents;
using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Host.Hosting;

public sealed record IncidentRecipientsRequest(string[]? Roles);

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
