using Failkit.Activities.Incidents.Tests.Fixtures;
using Failkit.Activities.Notifications;
using Failkit.Management.Incidents;
using Failkit.Testing;

namespace Failkit.Activities.Incidents.Tests;

public sealed partial class IncidentWorkflowTests
{
    [Fact]
    public async Task Incident_AsksEachTenantPlaneToPostItsWebhooks_AndRecordsEveryDelivery()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha", "beta"]);
        host.Contacts.Webhooks["alpha"] = [("siem", true), ("pager", false)];
        host.Contacts.Webhooks["beta"] = [("chat", true)];

        var incident = await host.OpenAsync(host.Time.GetUtcNow().AddHours(-2), "alpha", "beta");
        await maildev.WaitForEmailsAsync(e => Subject(e).StartsWith("Security incident notice", StringComparison.Ordinal), count: 2);

        var deliveries = (await host.Get<DeliveryJournal>().ListAsync(IncidentResponse.CorrelationOf(incident.Id), 100, Ct))
            .Where(d => d.Channel == "webhook").ToList();
        Assert.Equal(["tenant:alpha/pager (hooks.example.com)", "tenant:alpha/siem (hooks.example.com)", "tenant:beta/chat (hooks.example.com)"],
            deliveries.Select(d => d.Recipient).Order(StringComparer.Ordinal));
        Assert.Equal(DeliveryOutcome.Failed, deliveries.Single(d => d.Recipient.StartsWith("tenant:alpha/pager", StringComparison.Ordinal)).Outcome);
        Assert.Equal("HTTP 503", deliveries.Single(d => d.Recipient.StartsWith("tenant:alpha/pager", StringComparison.Ordinal)).Error);
        // The notice handed to each plane names that incident only; the planes, not this one, hold the secrets.
        Assert.All(host.Contacts.WebhookCalls, c => Assert.Equal(incident.Id, c.Notice.IncidentId));
        Assert.Equal(["alpha", "beta"], host.Contacts.WebhookCalls.Select(c => c.Slug).Order(StringComparer.Ordinal));

        // The next round asks alpha again for the webhook that failed only; beta, all delivered, is left alone.
        host.Contacts.Webhooks["alpha"] = [("siem", true), ("pager", true)];
        await host.AdvanceAsync(host.Options.RetryEvery);
        var retry = Assert.Single(host.Contacts.WebhookCalls.Skip(2));
        Assert.Equal("alpha", retry.Slug);
        Assert.Equal(["siem"], retry.Notice.SkipWebhooks);
        var pager = (await host.Get<DeliveryJournal>().ListAsync(IncidentResponse.CorrelationOf(incident.Id), 100, Ct))
            .Where(d => d.Recipient.StartsWith("tenant:alpha/pager", StringComparison.Ordinal)).OrderBy(d => d.At).ToList();
        Assert.Equal([DeliveryOutcome.Failed, DeliveryOutcome.Delivered], pager.Select(d => d.Outcome));
        Assert.Equal([1, 2], pager.Select(d => d.Attempts));

        // Nothing pending: later rounds post nothing more; the postmortem goes to every webhook as its own event.
        await host.AdvanceAsync(host.Options.RetryEvery * 2);
        Assert.Equal(3, host.Contacts.WebhookCalls.Count);
        Assert.True(await host.Get<IncidentResponse>().SubmitPostmortemAsync(incident.Id, "Root cause: a leaked token.", Ct));
        await host.Engine.DrainAsync();
        var postmortem = host.Contacts.WebhookCalls.Skip(3).ToList();
        Assert.Equal(["alpha", "beta"], postmortem.Select(c => c.Slug).Order(StringComparer.Ordinal));
        Assert.All(postmortem, c =>
        {
            Assert.Equal("incident.postmortem", c.Notice.Kind);
            Assert.Contains("Root cause: a leaked token.", c.Notice.Message, StringComparison.Ordinal);
            Assert.Empty(c.Notice.SkipWebhooks);
        });
    }
}
