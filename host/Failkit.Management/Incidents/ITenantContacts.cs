using System.Net.Http.Headers;
using System.Net.Http.Json;
using Failkit.Management.Planes;
using Failkit.Orchestration;
using Failkit.Tenancy;

namespace Failkit.Management.Incidents;

/// <summary>How the management plane reaches a tenant's people: it holds no user table of any tenant, so it asks the
/// tenant's own plane over the internal API (docs/decisions/notifications-incident-workflow.md).</summary>
public interface ITenantContacts
{
    /// <summary>The active users of the tenant holding any of the roles.</summary>
    Task<IReadOnlyList<string>> EmailsByRoleAsync(string slug, IReadOnlyCollection<string> roles, CancellationToken ct);

    /// <summary>Hands the tenant plane a notice it records in its audit log and its incident list.</summary>
    Task RecordNoticeAsync(string slug, IncidentNotice notice, CancellationToken ct);

    /// <summary>Has the tenant plane sign and post the notice to each of the tenant's webhooks; the secrets stay in
    /// that plane (docs/decisions/notifications-tenant-webhooks.md). One outcome per webhook.</summary>
    Task<IReadOnlyList<TenantWebhookDelivery>> DeliverWebhooksAsync(string slug, IncidentNotice notice, CancellationToken ct);
}

/// <summary>The internal routes <c>POST /internal/incidents/recipients</c>, <c>.../notices</c> and <c>.../webhooks</c>
/// of the tenant's running plane, with its plane key. A plane that is not running fails the call, and the workflow
/// retries it on its next round.</summary>
public sealed class PlaneTenantContacts(IOrchestrator orchestrator, TenantCredentials credentials, HttpClient http) : ITenantContacts
{
    public async Task<IReadOnlyList<string>> EmailsByRoleAsync(string slug, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        using var response = await SendAsync(slug, "internal/incidents/recipients", new { roles }, ct);
        return await response.Content.ReadFromJsonAsync<string[]>(ct) ?? [];
    }

    public async Task RecordNoticeAsync(string slug, IncidentNotice notice, CancellationToken ct)
    {
        using var response = await SendAsync(slug, "internal/incidents/notices", notice, ct);
    }

    public async Task<IReadOnlyList<TenantWebhookDelivery>> DeliverWebhooksAsync(string slug, IncidentNotice notice, CancellationToken ct)
    {
        using var response = await SendAsync(slug, "internal/incidents/webhooks", notice, ct);
        return await response.Content.ReadFromJsonAsync<TenantWebhookDelivery[]>(ct) ?? [];
    }

    private async Task<HttpResponseMessage> SendAsync<T>(string slug, string path, T body, CancellationToken ct)
    {
        var endpoint = await orchestrator.GetEndpointAsync(slug, ct)
            ?? throw new InvalidOperationException($"The plane of tenant '{slug}' is not running.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue(PlaneKeys.Scheme, await credentials.PlaneKeyAsync(TenantSlug.Parse(slug), ct));
        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"The plane of tenant '{slug}' answered {(int)response.StatusCode} to {path}.");
        }

        return response;
    }
}
