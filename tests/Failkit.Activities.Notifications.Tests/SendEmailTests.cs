using System.Text;
using System.Text.Json.Nodes;
using Failkit.Activities.Notifications.Tests.Fixtures;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Notifications.Tests;

public sealed class SendEmailTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% a drill report stand-in\n%%EOF\n");

    [Fact]
    public async Task EmailWithAttachment_ArrivesAtMaildev_WithTheRightRecipientsAndIsJournaled()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await NotificationHost.StartAsync(maildev.SmtpPort, s => s.AddSingleton<IAttachmentSource>(new ReportSource()));

        var run = await host.Workflows.RunAsync(Flows.Single("mail-flow", "Failkit.SendEmail", new JsonObject
        {
            ["to"] = "owner@acme.test, admin@acme.test",
            ["subject"] = "Drill passed",
            ["textBody"] = "The drill passed.",
            ["htmlBody"] = "<p>The drill <b>passed</b>.</p>",
            ["attachments"] = "drill-report:d-42",
            ["correlation"] = "drill:d-42",
        }));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var emails = await maildev.WaitForEmailsAsync(e => e["subject"]?.GetValue<string>() == "Drill passed", count: 2);
        Assert.Equal(["admin@acme.test", "owner@acme.test"], emails.SelectMany(Maildev.Recipients).Order());
        foreach (var email in emails)
        {
            var attachment = Assert.Single(email["attachments"]!.AsArray())!;
            Assert.Equal("application/pdf", attachment["contentType"]!.GetValue<string>());
            var name = (attachment["generatedFileName"] ?? attachment["fileName"])!.GetValue<string>();
            Assert.Equal(Pdf, await maildev.AttachmentAsync(email["id"]!.GetValue<string>(), name));
            Assert.Contains("<b>passed</b>", email["html"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var journal = await host.Journal.ListAsync("drill:d-42", 10, CancellationToken.None);
        Assert.Equal(2, journal.Count);
        Assert.All(journal, d => Assert.Equal((DeliveryOutcome.Delivered, "email", 1), (d.Outcome, d.Channel, d.Attempts)));
    }

    [Fact]
    public async Task SmtpServerDown_IsRetriedWithBackoff_ThenFaultsWithAnIncidentAndAFailedRow()
    {
        var closedPort = Maildev.FreePort();
        await using var host = await NotificationHost.StartAsync(closedPort);

        var run = await host.Workflows.RunAsync(Flows.Single("mail-down", "Failkit.SendEmail", new JsonObject
        {
            ["to"] = "owner@acme.test",
            ["subject"] = "Nobody home",
            ["textBody"] = "…",
        }, new JsonObject { ["retryPolicy"] = new JsonObject { ["maxAttempts"] = 2, ["initialDelayMs"] = 60_000 } }));

        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Workflows.DrainAsync();

        var instance = await host.Workflows.Runtime.GetAsync(run.InstanceId, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Faulted, instance!.SubStatus);
        Assert.Equal(2, Assert.Single(instance.Incidents).Attempts);
        var journal = await host.Journal.ListAsync(null, 10, CancellationToken.None);
        Assert.Equal([DeliveryOutcome.Failed, DeliveryOutcome.Retrying], journal.Select(d => d.Outcome));
    }

    private sealed class ReportSource : IAttachmentSource
    {
        public string Scheme => "drill-report";

        public Task<EmailAttachment?> ResolveAsync(string id, CancellationToken ct) =>
            Task.FromResult<EmailAttachment?>(id == "d-42" ? new EmailAttachment($"drill-{id}.pdf", "application/pdf", Pdf) : null);
    }
}
