using System.Globalization;
using Failkit.Management.Incidents;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Activities;

namespace Failkit.Activities.Incidents;

/// <summary>Everything after the first notice, on the engine's durable timers: retry unreached owners until the
/// 24-hour deadline and decide the 24-hour flag (alerting the operators when missed), escalate to admins where no
/// owner acknowledged in time, remind the operators on days 10 and 13, alert at day 14 without a postmortem, and on
/// the postmortem (<c>POST /api/incidents/{id}/postmortem</c>) send it to everyone told, close, and record whether
/// the 14-day deadline was met. It holds two bookmarks: its next timer and the postmortem event.</summary>
[Activity("Failkit", "Incidents", "Drive an incident's deadlines: retries, the 24-hour check, escalation, reminders, the postmortem and the close.")]
public sealed class RunIncidentTimeline : Activity
{
    public const string TimerBookmark = "Failkit.IncidentTimer";

    [Input(Description = "The incident; empty means the workflow input IncidentId.")]
    public Input<string> IncidentId { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        // A retried execution keeps the bookmarks of the failed attempt; the postmortem event is armed once.
        if (!context.GetProperty<bool>("armed"))
        {
            context.CreateBookmark(new BookmarkOptions(Event.BookmarkName, Hash: IncidentResponse.PostmortemEvent));
            context.SetProperty("armed", true);
            // The first round posted the webhooks just before; the next round retries whichever failed.
            context.SetProperty("webhooks-pending", true);
        }

        await StepAsync(context, resumed: false);
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input) =>
        new(StepAsync(context, resumed: true));

    private async Task StepAsync(ActivityExecutionContext context, bool resumed)
    {
        var ct = context.CancellationToken;
        var store = context.GetRequiredService<IncidentStore>();
        var notifier = context.GetRequiredService<IncidentNotifier>();
        var options = context.GetRequiredService<IncidentOptions>();
        var incident = await IncidentStep.IncidentAsync(context, IncidentId);
        var now = context.Now;
        var done = new HashSet<string>(context.GetProperty<string[]>("done") ?? [], StringComparer.Ordinal);
        var deadline = incident.ConfirmedAt + options.NotificationDeadline;

        // Webhooks that failed, or planes that were down, are asked again every round until the 24-hour deadline.
        var webhooksPending = context.GetProperty<bool>("webhooks-pending");
        if (resumed && webhooksPending && now < deadline)
        {
            var all = (await store.TenantsAsync(incident.Id, ct)).Select(t => t.Slug).ToList();
            webhooksPending = await notifier.DeliverWebhooksAsync(incident, all, IncidentNotifier.NoticeEvent, IncidentMessages.WebhookText(incident), ct);
        }

        context.SetProperty("webhooks-pending", webhooksPending && now < deadline);
        if (incident.NotifiedInTime is null)
        {
            var unreached = (await store.TenantsAsync(incident.Id, ct)).Where(t => t.NotifiedAt is null).Select(t => t.Slug).ToList();
            if (unreached.Count > 0 && now < deadline)
            {
                await notifier.NotifyAsync(incident, IncidentNotifier.Owner, unreached, ct);
            }

            var tenants = await store.TenantsAsync(incident.Id, ct);
            var late = tenants.Where(t => t.NotifiedAt is null || t.NotifiedAt > deadline).Select(t => t.Slug).ToList();
            if (late.Count == 0)
            {
                await store.SetNotifiedInTimeAsync(incident.Id, true, ct);
                await store.AddUpdateAsync(incident.Id, "All affected customers have been notified.", ct);
            }
            else if (now >= deadline)
            {
                await store.SetNotifiedInTimeAsync(incident.Id, false, ct);
                await notifier.AlertOperatorsAsync(incident, "24-hour notification deadline missed",
                    $"Not notified within 24 hours of confirmation: {string.Join(", ", late)}. The workflow keeps no further retries; notify them by other means.", ct);
            }
        }

        if (Due(done, "escalate", now, incident.CreatedAt + options.EscalateAfter))
        {
            var silent = (await store.TenantsAsync(incident.Id, ct)).Where(t => t.AcknowledgedAt is null).Select(t => t.Slug).ToList();
            if (silent.Count > 0)
            {
                await notifier.NotifyAsync(incident, IncidentNotifier.Admin, silent, ct);
                foreach (var slug in silent)
                {
                    await store.MarkEscalatedAsync(incident.Id, slug, ct);
                }
            }
        }

        foreach (var day in options.ReminderDays)
        {
            if (Due(done, "day-" + day.ToString(CultureInfo.InvariantCulture), now, incident.ConfirmedAt.AddDays(day)) && incident.Postmortem is null)
            {
                await notifier.AlertOperatorsAsync(incident, $"Postmortem reminder (day {day})",
                    $"The postmortem is due by {incident.ConfirmedAt + options.PostmortemDeadline:yyyy-MM-dd HH:mm} UTC. Submit it with POST /api/incidents/{incident.Id}/postmortem.", ct);
            }
        }

        if (Due(done, "overdue", now, incident.ConfirmedAt + options.PostmortemDeadline) && incident.Postmortem is null)
        {
            await notifier.AlertOperatorsAsync(incident, "14-day postmortem deadline missed", "No postmortem has been submitted; the incident stays open until one is.", ct);
        }

        context.SetProperty("done", done.ToArray());
        if (incident.Postmortem is not null)
        {
            await notifier.SendPostmortemAsync(incident, ct);
            if ((await store.RecipientsAsync(incident.Id, ct)).All(r => r.DeliveredAt is null || r.PostmortemDeliveredAt is not null))
            {
                await store.CloseAsync(incident.Id, incident.PostmortemAt <= incident.ConfirmedAt + options.PostmortemDeadline, ct);
                await context.CompleteAsync();
                return;
            }
        }

        var refreshed = (await store.GetAsync(incident.Id, ct))!;
        var next = NextTimer(refreshed, done, options, now, context.GetProperty<bool>("webhooks-pending"));
        context.CreateBookmark(new BookmarkOptions(TimerBookmark, ResumeAt: next));
    }

    /// <summary>True once, when <paramref name="at"/> has come; the milestone is then marked done.</summary>
    private static bool Due(HashSet<string> done, string milestone, DateTimeOffset now, DateTimeOffset at) => now >= at && done.Add(milestone);

    private static DateTimeOffset NextTimer(SecurityIncident i, HashSet<string> done, IncidentOptions options, DateTimeOffset now, bool webhooksPending)
    {
        var candidates = new List<DateTimeOffset>();
        var deadline = i.ConfirmedAt + options.NotificationDeadline;
        if (i.NotifiedInTime is null || webhooksPending)
        {
            candidates.Add(now + options.RetryEvery < deadline ? now + options.RetryEvery : deadline);
        }

        if (i.Postmortem is not null)
        {
            candidates.Add(now + options.RetryEvery);
        }

        AddIfPending(candidates, done, "escalate", i.CreatedAt + options.EscalateAfter);
        foreach (var day in options.ReminderDays)
        {
            AddIfPending(candidates, done, "day-" + day.ToString(CultureInfo.InvariantCulture), i.ConfirmedAt.AddDays(day));
        }

        AddIfPending(candidates, done, "overdue", i.ConfirmedAt + options.PostmortemDeadline);
        // With every milestone passed, the incident waits for its postmortem; a daily timer keeps it visible as alive.
        return candidates.Count > 0 ? candidates.Min() : now + TimeSpan.FromDays(1);
    }

    private static void AddIfPending(List<DateTimeOffset> candidates, HashSet<string> done, string milestone, DateTimeOffset at)
    {
        if (!done.Contains(milestone))
        {
            candidates.Add(at);
        }
    }
}
