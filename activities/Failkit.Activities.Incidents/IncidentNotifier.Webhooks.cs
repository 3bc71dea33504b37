using Failkit.Activities.Notifications;
using Failkit.Management.Incidents;
using Microsoft.Extensions.Logging;

namespace Failkit.Activities.Incidents;

public sealed partial class IncidentNotifier
{
    public const string WebhookChannel = "webhook";
    public const string NoticeEvent = "incident.notified";
    public const string PostmortemEvent = "incident.postmortem";
    private const string TenantPrefix = "tenant:";

    /// <summary>Each tenant plane signs and posts the event to its own webhooks and answers one outcome per webhook,
    /// recorded in the journal (channel <c>webhook</c>, recipient <c>tenant:slug/name (host)</c>, subject
    /// <c>event: title</c>). A webhook that took the event is never sent it again; a tenant whose plane was down, or one
    /// of whose webhooks failed, is asked again on the next call, naming the webhooks to skip. True while such a retry
    /// is pending.</summary>
    public async Task<bool> DeliverWebhooksAsync(SecurityIncident incident, IReadOnlyCollection<string> slugs, string kind, string message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(slugs);
        var context = Context(incident);
        var subject = $"{kind}: {incident.Title}";
        var rows = (await journal.ListAsync(context.Correlation, 10_000, ct))
            .Where(d => d.Channel == WebhookChannel && d.Subject == subject && d.Recipient.StartsWith(TenantPrefix, StringComparison.Ordinal))
            .Select(d => (Slug: SlugOf(d.Recipient), Name: NameOf(d.Recipient), d.Outcome)).ToList();
        var pending = false;
        foreach (var slug in slugs)
        {
            var mine = rows.Where(r => r.Slug == slug).ToList();
            var delivered = mine.Where(r => r.Outcome == DeliveryOutcome.Delivered).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            if (mine.Count > 0 && mine.All(r => delivered.Contains(r.Name)))
            {
                continue;
            }

            try
            {
                var notice = new IncidentNotice(incident.Id, kind, incident.Title, incident.Severity, incident.State, message, time.GetUtcNow())
                {
                    SkipWebhooks = [.. delivered.Select(WebhookNameOf).Order(StringComparer.Ordinal)],
                };
                foreach (var d in await contacts.DeliverWebhooksAsync(slug, notice, ct))
                {
                    await journal.RecordAsync(WebhookChannel, $"{TenantPrefix}{slug}/{d.Name} ({d.Host})", subject,
                        d.Delivered ? DeliveryOutcome.Delivered : DeliveryOutcome.Failed, mine.Count(r => r.Name == $"{d.Name} ({d.Host})") + 1, d.Error, context, ct);
                    pending |= !d.Delivered;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                pending = true;
                log.LogWarning("Incident {Incident}: tenant {Slug}'s plane did not deliver its webhooks: {Error}", incident.Id, slug, ex.Message);
            }
        }

        return pending;
    }

    private static string WebhookNameOf(string nameAndHost) => nameAndHost[..nameAndHost.LastIndexOf(" (", StringComparison.Ordinal)];

    private static string SlugOf(string recipient) => recipient[TenantPrefix.Length..].Split('/')[0];

    /// <summary>The part after the slug: "name (host)"; the plane keeps names unique per tenant.</summary>
    private static string NameOf(string recipient) => recipient[(recipient.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
