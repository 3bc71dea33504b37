using System.Net;
using System.Text.Json.Nodes;
using Failkit.Tenancy.Audit;

namespace Failkit.Activities.Notifications;

/// <summary>The one answer that carries the secret: the create call's.</summary>
public sealed record CreatedTenantWebhook(Guid Id, string Name, string Url, DateTimeOffset CreatedAt, string Secret);

public sealed record TenantWebhookTestResult(bool Delivered, int? Status, string? Error);

/// <summary>Why a webhook was not created: the input at fault and what is wrong with it.</summary>
public sealed record TenantWebhookRefusal(string Field, string Message);

/// <summary>A tenant's webhooks (docs/decisions/notifications-tenant-webhooks.md), shared by the settings API and the
/// portal: the create-time checks, the audit events, and the signed post of an event from this plane, which alone
/// holds the secrets.</summary>
public sealed class TenantWebhooks(TenantWebhookStore store, OutboundAddressGuard guard, WebhookSender sender, IAuditTrail audit, TimeProvider time)
{
    public Task<IReadOnlyList<TenantWebhook>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    /// <param name="caller">The audit event's actor and source; its kind and target are filled in here.</param>
    public async Task<(CreatedTenantWebhook? Created, TenantWebhookRefusal? Refusal)> CreateAsync(string? name, string? url, AuditEntry caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return (null, new("name", "a name of 1 to 100 characters is required"));
        }

        if (await RefusalAsync(url, ct) is { } refusal)
        {
            return (null, new("url", refusal));
        }

        if ((await store.ListAsync(ct)).Any(w => w.Name == name))
        {
            return (null, new("name", $"a webhook named '{name}' exists; names are unique per tenant"));
        }

        var (webhook, secret) = await store.CreateAsync(name, new Uri(url!), caller.Actor, ct);
        await audit.WriteAsync(caller with { Kind = "webhook.created", Target = $"webhook:{webhook.Id}", After = AuditEntry.Snapshot(webhook) }, ct);
        return (new CreatedTenantWebhook(webhook.Id, webhook.Name, webhook.Url, webhook.CreatedAt, secret), null);
    }

    /// <summary>False when there is no such webhook.</summary>
    public async Task<bool> DeleteAsync(Guid id, AuditEntry caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.FindAsync(id, ct) is not { } webhook || !await store.DeleteAsync(id, ct))
        {
            return false;
        }

        await audit.WriteAsync(caller with { Kind = "webhook.deleted", Target = $"webhook:{id}", Before = AuditEntry.Snapshot(webhook) }, ct);
        return true;
    }

    /// <summary>Posts a signed <c>webhook.test</c> event; null when there is no such webhook.</summary>
    public async Task<TenantWebhookTestResult?> TestAsync(Guid id, AuditEntry caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if ((await store.SecretsAsync(ct)).FirstOrDefault(w => w.Webhook.Id == id) is not { Webhook: not null } target)
        {
            return null;
        }

        var data = new JsonObject { ["message"] = "A test event from Failkit: the signature verifies with this webhook's secret." };
        var result = await PostAsync(target.Webhook, target.Secret, "webhook.test", data, ct);
        await audit.WriteAsync(caller with { Kind = "webhook.tested", Target = $"webhook:{id}", Detail = result.Delivered ? $"HTTP {result.Status}" : result.Error }, ct);
        return result;
    }

    /// <summary>Signs <paramref name="data"/> as event <paramref name="kind"/> with the webhook's secret and posts it; a
    /// refused address, a network error or a timeout is an undelivered result, not an exception.</summary>
    public async Task<TenantWebhookTestResult> PostAsync(TenantWebhook webhook, string secret, string kind, JsonObject data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(data);
        var deliveryId = Guid.NewGuid().ToString("N");
        var body = new JsonObject { ["id"] = deliveryId, ["event"] = kind, ["createdAt"] = time.GetUtcNow(), ["data"] = data.DeepClone() }.ToJsonString();
        try
        {
            var status = (int)await sender.PostAsync(new Uri(webhook.Url), body, secret, deliveryId, ct);
            return new TenantWebhookTestResult(status is >= 200 and < 300, status, status is >= 200 and < 300 ? null : $"HTTP {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OutboundAddressRefusedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new TenantWebhookTestResult(false, null, ex.Message);
        }
    }

    /// <summary>Every webhook with its opened secret, for a delivery signed by this plane.</summary>
    public Task<IReadOnlyList<(TenantWebhook Webhook, string Secret)>> SecretsAsync(CancellationToken ct) => store.SecretsAsync(ct);

    /// <summary>The create-time check with the delivery guard's own rules: an http(s) URL whose host resolves only
    /// to allowed addresses. The guard judges again at every connect, so a later DNS change cannot slip past.</summary>
    private async Task<string?> RefusalAsync(string? text, CancellationToken ct)
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
