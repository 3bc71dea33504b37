using System.Text.Json.Nodes;
using Failkit.Activities.Notifications.Tests.Fixtures;
using Failkit.Testing;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Notifications.Tests;

public sealed class SendWebhookTests
{
    [Fact]
    public async Task SignedWebhook_VerifiesAtTheReceiver_AndATamperedBodyFails()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(Maildev.FreePort());

        var run = await host.Workflows.RunAsync(Flows.Single("hook-flow", "Failkit.SendWebhook", new JsonObject
        {
            ["url"] = receiver.Url.AbsoluteUri,
            ["secretName"] = "hooks",
            ["event"] = "drill.completed",
        }));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var (body, signature, deliveryId) = Assert.Single(receiver.Received);
        var now = host.Time.GetUtcNow();
        Assert.True(WebhookSignature.Verify(NotificationHost.WebhookSecret, signature, body, now));
        Assert.Equal("drill.completed", JsonNode.Parse(body)!["event"]!.GetValue<string>());
        Assert.Equal(deliveryId, JsonNode.Parse(body)!["id"]!.GetValue<string>());
        Assert.False(WebhookSignature.Verify(NotificationHost.WebhookSecret, signature, body.Replace("drill.completed", "drill.failed", StringComparison.Ordinal), now));
        Assert.False(WebhookSignature.Verify("another-secret", signature, body, now));
        Assert.False(WebhookSignature.Verify(NotificationHost.WebhookSecret, signature, body, now.AddMinutes(6)));
        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(await host.Journal.ListAsync(null, 10, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task FailingTarget_EndsInAnIncident_AfterItsRetriesWithBackoff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Status = 503;
        await using var host = await NotificationHost.StartAsync(Maildev.FreePort());

        var run = await host.Workflows.RunAsync(Flows.Single("hook-fail", "Failkit.SendWebhook", new JsonObject
        {
            ["url"] = receiver.Url.AbsoluteUri,
            ["event"] = "drill.completed",
        }));

        // The default policy: 4 attempts, 30 s then 60 s then 120 s between them, on the engine's durable timers.
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        foreach (var wait in new[] { 30, 60 })
        {
            host.Time.Advance(TimeSpan.FromSeconds(wait - 1));
            Assert.Equal(0, await host.Workflows.DrainAsync());
            host.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await host.Workflows.DrainAsync());
        }

        host.Time.Advance(TimeSpan.FromSeconds(120));
        await host.Workflows.DrainAsync();

        Assert.Equal(4, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(r => r.DeliveryId).Distinct());
        var instance = (await host.Workflows.Runtime.GetAsync(run.InstanceId, CancellationToken.None))!;
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(4, incident.Attempts);
        Assert.Contains("HTTP 503", incident.Message, StringComparison.Ordinal);
        var journal = await host.Journal.ListAsync(null, 10, CancellationToken.None);
        Assert.Equal([DeliveryOutcome.Failed, DeliveryOutcome.Retrying, DeliveryOutcome.Retrying, DeliveryOutcome.Retrying], journal.Select(d => d.Outcome));
        Assert.Equal([4, 3, 2, 1], journal.Select(d => d.Attempts));
    }

    [Theory]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::ffff:192.168.1.10]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://localhost:{port}/hook")]
    public async Task PrivateOrLoopbackTarget_IsRefusedWithoutARequest_AndWithoutRetry(string url)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(Maildev.FreePort(), allowLoopback: false);

        var run = await host.Workflows.RunAsync(Flows.Single("hook-ssrf", "Failkit.SendWebhook", new JsonObject
        {
            ["url"] = url.Replace("{port}", receiver.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["event"] = "drill.completed",
        }));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Contains("not allowed", Assert.Single(run.Incidents).Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
        Assert.Equal(DeliveryOutcome.Refused, Assert.Single(await host.Journal.ListAsync(null, 10, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task SlackFormat_PostsATextMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await NotificationHost.StartAsync(Maildev.FreePort());

        await host.Workflows.RunAsync(Flows.Single("hook-slack", "Failkit.SendWebhook", new JsonObject
        {
            ["url"] = receiver.Url.AbsoluteUri,
            ["event"] = "drill.completed",
            ["format"] = "slack",
            ["text"] = "Drill *passed*",
        }));

        Assert.Equal("""{"text":"Drill *passed*"}""", Assert.Single(receiver.Received).Body);
    }
}
