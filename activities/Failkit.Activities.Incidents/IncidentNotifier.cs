using Failkit.Activities.Notifications;
using Failkit.Management;
using Failkit.Management.Incidents;
using Microsoft.Extensions.Logging;

namespace Failkit.Activities.Incidents;

/// <summary>Sends the incident's messages and records each delivery on the incident (and in the journal). A failed
/// send is recorded and left for the next round of the workflow; nothing here throws for one bad address or one
/// tenant plane that is down, so the other tenants are not held up by it.</summary>
public sealed partial class IncidentNotifier(
    IncidentStore store, ITenantContacts contacts, Mailer mailer, DeliveryJournal journal, IncidentAckTokens tokens, IncidentOptions options,
    ManagementOptions management, TimeProvider time, ILogger<IncidentNotifier> log)
{
    public const string Owner = "owner";
    public const string Admin = "admin";

    /// <summary>Looks up the <paramref name="role"/> holders of each tenant that has none recorded yet, then sends the
    /// notice to every such recipient not yet reached.</summary>
    public async Task NotifyAsync(SecurityIncident incident, string role, IReadOnlyCollection<string> slugs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var known = await store.RecipientsAsync(incident.Id, ct);
        foreach (var slug in slugs.Where(s => !known.Any(r => r.TenantSlug == s && r.Role == role)))
        {
            try
            {
                foreach (var email in await contacts.EmailsByRoleAsync(slug, [role], ct))
                {
                    await store.AddRecipientAsync(incident.Id, slug, email, role, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Incident {Incident}: the {Role}s of tenant {Slug} could not be looked up: {Error}", incident.Id, role, slug, ex.Message);
            }
        }

        var statusPage = new Uri(management.PublicUrl, "status");
        foreach (var r in (await store.RecipientsAsync(incident.Id, ct)).Where(r => r.Role == role && r.DeliveredAt is null && slugs.Contains(r.TenantSlug)))
        {
            var link = await tokens.LinkAsync(incident.Id, r.Id, ct);
            var message = IncidentMessages.Notice(incident, r.TenantSlug, r.Email, link, statusPage, escalated: role != Owner);
            if (await TrySendAsync(incident, message, r, ct))
            {
                await store.MarkTenantNotifiedAsync(incident.Id, r.TenantSlug, ct);
                await NoticeAsync(r.TenantSlug, incident, "incident.notified", $"Incident notice emailed to {r.Email} ({r.Role}).", ct);
            }
        }
    }

    public async Task SendPostmortemAsync(SecurityIncident incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        foreach (var r in (await store.RecipientsAsync(incident.Id, ct)).Where(r => r.DeliveredAt is not null && r.PostmortemDeliveredAt is null))
        {
            try
            {
                await mailer.SendAsync(IncidentMessages.Postmortem(incident, r.Email), Context(incident), r.Attempts + 1, lastAttempt: false, ct);
                await store.MarkPostmortemDeliveredAsync(r.Id, ct);
                await NoticeAsync(r.TenantSlug, incident, "incident.postmortem", $"Postmortem emailed to {r.Email}.", ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Incident {Incident}: postmortem to {Email} failed: {Error}", incident.Id, r.Email, ex.Message);
            }
        }

        var tenants = (await store.TenantsAsync(incident.Id, ct)).Select(t => t.Slug).ToList();
        await DeliverWebhooksAsync(incident, tenants, PostmortemEvent, IncidentMessages.WebhookPostmortem(incident), ct);
    }

    /// <summary>Emails the platform operators; without any configured, the alert is a warning in the log.</summary>
    public async Task AlertOperatorsAsync(SecurityIncident incident, string subject, string body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        log.LogWarning("Incident {Incident}: {Subject}. {Body}", incident.Id, subject, body);
        if (options.OperatorEmails.Count == 0)
        {
            return;
        }

        try
        {
            await mailer.SendAsync(IncidentMessages.Operators(options.OperatorEmails, incident, subject, body), Context(incident), 1, lastAttempt: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError("Incident {Incident}: the operator alert '{Subject}' could not be emailed: {Error}", incident.Id, subject, ex.Message);
        }
    }

    private async Task<bool> TrySendAsync(SecurityIncident incident, EmailMessage message, IncidentRecipient r, CancellationToken ct)
    {
        try
        {
            await mailer.SendAsync(message, Context(incident), r.Attempts + 1, lastAttempt: false, ct);
            await store.RecordAttemptAsync(r.Id, null, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.RecordAttemptAsync(r.Id, $"{ex.GetType().Name}: {ex.Message}", ct);
            return false;
        }
    }

    private async Task NoticeAsync(string slug, SecurityIncident i, string kind, string message, CancellationToken ct)
    {
        try
        {
            await contacts.RecordNoticeAsync(slug, new IncidentNotice(i.Id, kind, i.Title, i.Severity, i.State, message, time.GetUtcNow()), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Incident {Incident}: tenant {Slug}'s plane did not record '{Kind}': {Error}", i.Id, slug, kind, ex.Message);
        }
    }

    private static DeliveryContext Context(SecurityIncident i) => new(i.WorkflowInstanceId, IncidentResponse.CorrelationOf(i.Id), "system:incident-notification");
}
