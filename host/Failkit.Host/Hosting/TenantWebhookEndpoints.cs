using System.Net;
using System.Text.Json.Nodes;
using Failkit.Activities.Notifications;
using Failkit.Identity;
using Failkit.Management.Incidents;
using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Host.Hosting;

public sealed record CreateTenantWebhookRequest(string? Name, string? Url);

/// <summary>The one answer that carries the secret: the create call's.</summary>
public sealed record CreatedTenantWebhook(Guid Id, string Name, string Url, DateTimeOffset CreatedAt, string Secret);

public sealed record TenantWebhookTestResult(bool Delivered, int? Status, string? Error);

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
        CreateTenantWebhookRequest body, TenantWebhookStore store, OutboundAddressGuard guard, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["a name of 1 to 100 characters is required"] });
        }

        if (await RefusalAsync(body.Url, guard, ct) is { } refusal)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [refusal] });
        }

        if ((await store.ListAsync(ct)).Any(w => w.Name == name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"a webhook named '{name}' exists; names are unique per tenant"] });
        }

        var (webhook, secret) = await store.CreateAsync(name, new Uri(body.Url!), AuditEntry.ActorOf(http.User), ct);
        await audit.WriteAsync(AuditEntry.For(http, "webhook.created", $"webhook:{webhook.Id}") with { After = AuditEntry.Snapshot(webhook) }, ct);
        return TypedResults.Created($"/api/settings/webhooks/{webhook.Id}", new CreatedTenantWebhook(webhook.Id, webhook.Name, webhook.Url, webhook.CreatedAt, secret));
    }

    internal static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, TenantWebhookStore store, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } webhook || !await store.DeleteAsync(id, ct))
        {
            return TypedResults.NotFound();
        }

        await audit.WriteAsync(AuditEntry.For(http, "webhook.deleted", $"webhook:{id}") with { Before = AuditEntry.Snapshot(webhook) }, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<TenantWebhookTestResult>, NotFound>> TestAsync(
        Guid id, TenantWebhookStore store, WebhookSender sender, IAuditTrail audit, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if ((await store.SecretsAsync(ct)).FirstOrDefault(w => w.Webhook.Id == id) is not { Webhook: not null } target)
        {
            return TypedResults.NotFound();
        }

        var data = new JsonObject { ["message"] = "A test event from Failkit: the signature verifies with this webhook's secret." };
        var result = await PostAsync(target.Webhook, target.Secret, "webhook.test", data, sender, time, ct);
        await audit.WriteAsync(AuditEntry.For(http, "webhook.tested", $"webhook:{id}", result.Delivered ? $"HTTP {result.Status}" : result.Error), ct);
        return TypedResults.Ok(new TenantWebhookTestResult(result.Delivered, result.Status, result.Error));
    }

    /// <summary>The management plane hands over the notice; this plane signs it with each webhook's secret, posts it,
    /// and answers one outcome per webhook for the management plane to record.</summary>
    internal static async Task<Ok<IReadOnlyList<TenantWebhookDelivery>>> DeliverIncidentAsync(
        IncidentNotice notice, TenantWebhookStore store, WebhookSender sender, IAuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var data = new JsonObject
        {
            ["incidentId"] = notice.IncidentId.ToString(), ["kind"] = notice.Kind, ["title"] = notice.Title, ["severity"] = notice.Severity,
            ["state"] = notice.State, ["message"] = notice.Message, ["at"] = notice.At,
        };
        var results = new List<TenantWebhookDelivery>();
        foreach (var (webhook, secret) in (await store.SecretsAsync(ct)).Where(w => !(notice.SkipWebhooks ?? []).Contains(w.Webhook.Name)))
        {
            var result = await PostAsync(webhook, secret, notice.Kind, data, sender, time, ct);
            results.Add(result);
            await audit.WriteAsync(new AuditEntry("webhook.delivered", "system:management", $"webhook:{webhook.Id}",
                $"incident {notice.IncidentId}: {(result.Delivered ? $"HTTP {result.Status}" : result.Error)}"), ct);
        }

        return TypedResults.Ok<IReadOnlyList<TenantWebhookDelivery>>(results);
    }

    private static async Task<TenantWebhookDelivery> PostAsync(
        TenantWebhook webhook, string secret, string kind, JsonObject data, WebhookSender sender, TimeProvider time, CancellationToken ct)
    {
        var url = new Uri(webhook.Url);
        var deliveryId = Guid.NewGuid().ToString("N");
        var body = new JsonObject { ["id"] = deliveryId, ["event"] = kind, ["createdAt"] = time.GetUtcNow(), ["data"] = data.DeepClone() }.ToJsonString();
        try
        {
            var status = (int)await sender.PostAsync(url, body, secret, deliveryId, ct);
            return new TenantWebhookDelivery(webhook.Id, webhook.Name, url.Authority, status is >= 200 and < 300, status, status is >= 200 and < 300 ? null : $"HTTP {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OutboundAddressRefusedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new TenantWebhookDelivery(webhook.Id, webhook.Name, url.Authority, false, null, ex.Message);
        }
    }

    /// <summary>The create-time check with the delivery guard's own rules: an http(s) URL whose host resolves only
    /// to allowed addresses. The guard judges again at every connect, so a later DNS change cannot slip past.</summary>
    private static async Task<string?> RefusalAsync(string? text, OutboundAddressGuard guard, CancellationToken ct)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "an absolute http or https URL is required";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.Host, ct);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return $"the host '{url.Host}' does not resolve: {ex.Message}";
        }

        var refused = addresses.Select(a => (a, Why: guard.Refusal(a))).Where(x => x.Why is not null).ToList();
        return addresses.Length == 0 || refused.Count > 0
            ? $"the host '{url.Host}' resolves to addresses webhooks may not reach: {string.Join(", ", refused.Select(x => $"{x.a} ({x.Why})"))}"
            : null;
    }
}
