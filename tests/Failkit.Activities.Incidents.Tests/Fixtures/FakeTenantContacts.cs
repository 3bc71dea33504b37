using System.Collections.Concurrent;
using Failkit.Management.Incidents;

namespace Failkit.Activities.Incidents.Tests.Fixtures;

/// <summary>Stands in for the tenant planes' internal routes (recipients by role, notices): these tests are about
/// the management plane's workflow, not about starting tenant processes. The tenant-plane side of the two routes has
/// its own tests.</summary>
public sealed class FakeTenantContacts : ITenantContacts
{
    public ConcurrentDictionary<(string Slug, string Role), string[]> Users { get; } = new();

    public ConcurrentQueue<(string Slug, IncidentNotice Notice)> Notices { get; } = new();

    public Task<IReadOnlyList<string>> EmailsByRoleAsync(string slug, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(roles.SelectMany(r => Users.GetValueOrDefault((slug, r), [])).Distinct().ToList());

    /// <summary>Per tenant, the webhooks its plane would answer for (name, delivered).</summary>
    public ConcurrentDictionary<string, (string Name, bool Delivered)[]> Webhooks { get; } = new();

    public ConcurrentQueue<(string Slug, IncidentNotice Notice)> WebhookCalls { get; } = new();

    public Task<IReadOnlyList<TenantWebhookDelivery>> DeliverWebhooksAsync(string slug, IncidentNotice notice, CancellationToken ct)
    {
        WebhookCalls.Enqueue((slug, notice));
        return Task.FromResult<IReadOnlyList<TenantWebhookDelivery>>(Webhooks.GetValueOrDefault(slug, []).Where(w => !notice.SkipWebhooks.Contains(w.Name))
            .Select(w => new TenantWebhookDelivery(Guid.NewGuid(), w.Name, "hooks.example.com", w.Delivered, w.Delivered ? 200 : 503, w.Delivered ? null : "HTTP 503"))
            .ToList());
    }

    public Task RecordNoticeAsync(string slug, IncidentNotice notice, CancellationToken ct)
    {
        Notices.Enqueue((slug, notice));
        return Task.CompletedTask;
    }
}
