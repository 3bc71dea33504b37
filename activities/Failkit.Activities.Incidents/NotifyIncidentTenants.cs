using Failkit.Management.Incidents;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Incidents;

/// <summary>The first round of an incident: every affected tenant's owners get the notice with their acknowledgement
/// link. Whoever could not be reached is retried by <see cref="RunIncidentTimeline"/> until the 24-hour deadline.</summary>
[Activity("Failkit", "Incidents", "Email the incident notice to the owners of every affected tenant, post it to their webhooks, and record each delivery.")]
public sealed class NotifyIncidentTenants : CodeActivity
{
    [Input(Description = "The incident; empty means the workflow input IncidentId.")]
    public Input<string> IncidentId { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var incident = await IncidentStep.IncidentAsync(context, IncidentId);
        var store = context.GetRequiredService<IncidentStore>();
        var slugs = (await store.TenantsAsync(incident.Id, context.CancellationToken)).Select(t => t.Slug).ToList();
        var notifier = context.GetRequiredService<IncidentNotifier>();
        await notifier.NotifyAsync(incident, IncidentNotifier.Owner, slugs, context.CancellationToken);
        await notifier.DeliverWebhooksAsync(incident, slugs, IncidentNotifier.NoticeEvent, IncidentMessages.WebhookText(incident), context.CancellationToken);
    }
}
