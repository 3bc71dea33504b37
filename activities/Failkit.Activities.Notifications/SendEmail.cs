using Failkit.Workflows.Core;

namespace Failkit.Activities.Notifications;

/// <summary>Sends one email per recipient through the plane's SMTP relay (or its outbox folder). Each outcome is
/// journaled and audited; a failure is retried by the engine with backoff and becomes an incident after the last
/// attempt.</summary>
[Activity("Failkit", "Notifications", "Send an email (text and HTML, optional attachments) through the plane's SMTP relay.")]
public sealed class SendEmail : Activity
{
    [Input(Description = "Recipients, separated by commas.", IsRequired = true)]
    public Input<string> To { get; set; } = new("");

    [Input(Description = "The subject line.", IsRequired = true)]
    public Input<string> Subject { get; set; } = new("");

    [Input(Description = "The plain-text body.", UIHint = "multi-line", IsRequired = true)]
    public Input<string> TextBody { get; set; } = new("");

    [Input(Description = "An HTML alternative of the body; empty sends text only.", UIHint = "multi-line")]
    public Input<string> HtmlBody { get; set; } = new("");

    [Input(Description = "Attachments by reference, separated by commas, e.g. drill-report:<drill id>.")]
    public Input<string> Attachments { get; set; } = new("");

    [Input(Description = "What the journal files the sends under (an incident or drill id); empty means the workflow's correlation id.")]
    public Input<string> Correlation { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var mailer = context.GetRequiredService<Mailer>();
        var attachments = await mailer.ResolveAttachmentsAsync(NotificationStep.List(context.Get(Attachments)), context.CancellationToken);
        var served = NotificationStep.Served(context);
        var delivery = NotificationStep.Delivery(context, context.Get(Correlation));
        foreach (var to in NotificationStep.List(context.Get(To)).Where(t => !served.Contains(t)))
        {
            var email = new EmailMessage([to], context.Get(Subject) ?? "", context.Get(TextBody) ?? "")
            {
                HtmlBody = context.Get(HtmlBody) is { Length: > 0 } html ? html : null,
                Attachments = attachments,
            };
            await mailer.SendAsync(email, delivery, context.Attempt, NotificationStep.IsLastAttempt(context), context.CancellationToken);
            NotificationStep.MarkServed(context, served, to);
        }

        await context.CompleteAsync();
    }

    protected override void OnMaterialized(System.Text.Json.Nodes.JsonObject source, MaterializeContext context) =>
        NotificationStep.DefaultRetry(this, maxAttempts: 3, initialDelayMs: 60_000);
}
