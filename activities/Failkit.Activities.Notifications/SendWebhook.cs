using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Notifications;

/// <summary>Posts a signed JSON event (or a Slack-compatible message) to a webhook. A refused target (SSRF guard) is
/// journaled and faults at once; any other failure is journaled and retried by the engine with exponential backoff,
/// and after the last attempt the instance carries an incident and the journal a <c>failed</c> row.</summary>
[Activity("Failkit", "Notifications", "POST a signed JSON event, or a Slack-compatible message, to a webhook URL; retried with backoff.")]
public sealed class SendWebhook : Activity
{
    [Input(Description = "The receiver's URL (http or https; private and loopback addresses are refused unless the operator allows them).", IsRequired = true)]
    public Input<string> Url { get; set; } = new("");

    [Input(Description = "The name of the signing secret in the plane's configuration (Failkit:Notifications:Webhooks:Secrets:<name>); empty sends unsigned.")]
    public Input<string> SecretName { get; set; } = new("");

    [Input(Description = "The event name, e.g. drill.completed.", IsRequired = true)]
    public Input<string> Event { get; set; } = new("");

    [Input(Description = "The event's data, sent as JSON under \"data\".")]
    public Input<object> Payload { get; set; } = new(Expression.Literal(null));

    [Input(Description = "failkit: the signed event envelope; slack: {\"text\": ...} for Slack-compatible incoming webhooks.", Options = ["failkit", "slack"], DefaultValue = "failkit")]
    public Input<string> Format { get; set; } = new("failkit");

    [Input(Description = "The message text of the slack format.")]
    public Input<string> Text { get; set; } = new("");

    [Input(Description = "What the journal files the sends under; empty means the workflow's correlation id.")]
    public Input<string> Correlation { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var url = context.Get(Url) ?? "";
        var eventName = context.Get(Event) ?? "";
        var delivery = NotificationStep.Delivery(context, context.Get(Correlation));
        var journal = context.GetRequiredService<DeliveryJournal>();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            await journal.RecordAsync("webhook", url, eventName, DeliveryOutcome.Refused, context.Attempt, "not an absolute URL", delivery, context.CancellationToken);
            throw new WorkflowFaultException("webhook-refused", $"'{url}' is not an absolute URL.");
        }

        // The delivery id is stable across retries so a receiver can drop duplicates.
        var deliveryId = context.IdempotencyKey;
        var body = context.Get(Format) == "slack"
            ? new JsonObject { ["text"] = context.Get(Text) is { Length: > 0 } text ? text : eventName }.ToJsonString()
            : new JsonObject
            {
                ["id"] = deliveryId,
                ["event"] = eventName,
                ["createdAt"] = context.Now,
                ["data"] = JsonSerializer.SerializeToNode(context.Get(Payload)),
            }.ToJsonString();
        var secretName = context.Get(SecretName);
        string? secret = null;
        if (!string.IsNullOrEmpty(secretName) && !context.GetRequiredService<WebhookOptions>().Secrets.TryGetValue(secretName, out secret))
        {
            throw new WorkflowFaultException("webhook-secret", $"No webhook secret named '{secretName}' is configured.");
        }

        string? error;
        try
        {
            var status = await context.GetRequiredService<WebhookSender>().PostAsync(target, body, secret, deliveryId, context.CancellationToken);
            error = (int)status is >= 200 and < 300 ? null : $"HTTP {(int)status}";
        }
        catch (OutboundAddressRefusedException refused)
        {
            await journal.RecordAsync("webhook", RedactedUrl(target), eventName, DeliveryOutcome.Refused, context.Attempt, refused.Message, delivery, context.CancellationToken);
            throw new WorkflowFaultException("webhook-refused", refused.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !context.CancellationToken.IsCancellationRequested)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
        }

        var last = NotificationStep.IsLastAttempt(context);
        var outcome = error is null ? DeliveryOutcome.Delivered : last ? DeliveryOutcome.Failed : DeliveryOutcome.Retrying;
        await journal.RecordAsync("webhook", RedactedUrl(target), eventName, outcome, context.Attempt, error, delivery, context.CancellationToken);
        if (error is not null)
        {
            throw new WebhookDeliveryException($"Webhook {RedactedUrl(target)} failed on attempt {context.Attempt}: {error}");
        }

        await context.CompleteAsync();
    }

    protected override void OnMaterialized(JsonObject source, MaterializeContext context) =>
        NotificationStep.DefaultRetry(this, maxAttempts: 4, initialDelayMs: 30_000);

    /// <summary>Slack-style URLs carry their secret in the path; the journal and audit keep the host only.</summary>
    private static string RedactedUrl(Uri url) => $"{url.Scheme}://{url.Authority}/…";
}

/// <summary>A webhook attempt failed (network error or non-2xx answer).</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
