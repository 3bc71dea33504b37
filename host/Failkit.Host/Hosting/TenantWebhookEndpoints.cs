using System.Text.Json.Nodes;
using Failkit.Activities.Notifications;
using Failkit.Identity;
using Failkit.Management.Incidents;
using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Host.Hosting;

public sealed record CreateTenantWebhookRequest(string? Name, string? Url);

/// <summary>A tenant's webhooks (docs/decisions/notifications-tenant-webhooks.md): owners and admins manage them, the
/// secret is shown once, and the incident notices are signed and posted from this plane, which alone holds the secrets.</summary>
public static class TenantWebhookEndpoints
{
    public static WebApplication MapTenantWebhookEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/settings/webhooks").WithTags("Settings").RequireAuthorization(Policies.Manage);
        api.MapGet("", async (TenantWebhookStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct))).WithName("ListTenantWebhooks");
        api.MapPost("", CreateAsync).WithName("CreateTenantWebhook");
        api.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTenantWebhook");
        api.MapPost("/{id:guid}/test", TestAsync).WithName("TestTenantWebhook");
        app.MapPost("/internal/incidents/webhooks", DeliverIncidentAsync).WithTags("Internal").RequirePlaneKey().DisableAntiforgery()
            .ExcludeFromDescription().WithName("InternalIncidentWebhooks");
        return app;
    }

    internal static async Task<Results<Created<CreatedTenantWebhook>, ValidationProblem>> CreateAsync(
        CreateTenantWebhookRequest body, TenantWebhooks webhooks, HttpContext http, CancellationToken ct)
    {
        var (created, refusal) = await webhooks.CreateAsync(body.Name, body.Url, AuditEntry.For(http, "webhook.created"), ct);
        return created is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refusal!.Field] = [refusal.Message] })
            : TypedResults.Created($"/api/settings/webhooks/{created.Id}", created);
    }

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, TenantWebhooks webhooks, HttpContext http, CancellationToken ct) =>
        await webhooks.DeleteAsync(id, AuditEntry.For(http, "webhook.deleted"), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    internal static async Task<Results<Ok<TenantWebhookTestResult>, NotFound>> TestAsync(Guid id, TenantWebhooks webhooks, HttpContext http, CancellationToken ct) =>
        await webhooks.TestAsync(id, AuditEntry.For(http, "webhook.tested"), ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();

    /// <summary>The management plane hands over the notice; this plane signs it with each webhook's secret, posts it,
    /// and answers one outcome per webhook for the management plane to record.</summary>
    internal static async Task<Ok<IReadOnlyList<TenantWebhookDelivery>>> DeliverIncidentAsync(
        IncidentNotice notice, TenantWebhooks webhooks, IAuditTrail audit, CancellationToken ct)
    {
        var data = new JsonObject
        {
            ["incidentId"] = notice.IncidentId.ToString(), ["kind"] = notice.Kind, ["title"] = notice.Title, ["severity"] = notice.Severity,
            ["state"] = notice.State, ["message"] = notice.Message, ["at"] = notice.At,
        };
        var results = new List<TenantWebhookDelivery>();
        foreach (var (webhook, secret) in (await webhooks.SecretsAsync(ct)).Where(w => !(notice.SkipWebhooks ?? []).Contains(w.Webhook.Name)))
        {
            var result = await webhooks.PostAsync(webhook, secret, notice.Kind, data, ct);
            results.Add(new TenantWebhookDelivery(webhook.Id, webhook.Name, new Uri(webhook.Url).Authority, result.Delivered, result.Status, result.Error));
            await audit.WriteAsync(new AuditEntry("webhook.delivered", "system:management", $"webhook:{webhook.Id}",
                $"incident {notice.IncidentId}: {(result.Delivered ? $"HTTP {result.Status}" : result.Error)}"), ct);
        }

        return TypedResults.Ok<IReadOnlyList<TenantWebhookDelivery>>(results);
    }
}
