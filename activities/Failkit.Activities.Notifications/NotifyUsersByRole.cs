using System.Text.Json.Nodes;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Notifications;

/// <summary>Emails the tenant's users who hold the chosen roles; recipients are resolved when the step runs, so a user
/// added or disabled since the workflow started is counted as of now.</summary>
[Activity("Failkit", "Notifications", "Email the tenant's users who hold the given roles (e.g. owner, admin).")]
public sealed class NotifyUsersByRole : Activity
{
    [Input(Description = "Roles, separated by commas: owner, admin, operator, auditor.", IsRequired = true, DefaultValue = "owner")]
    public Input<string> Roles { get; set; } = new("owner");

    [Input(Description = "The subject line.", IsRequired = true)]
    public Input<string> Subject { get; set; } = new("");

    [Input(Description = "The plain-text body.", UIHint = "multi-line", IsRequired = true)]
    public Input<string> TextBody { get; set; } = new("");

    [Input(Description = "An HTML alternative of the body.", UIHint = "multi-line")]
    public Input<string> HtmlBody { get; set; } = new("");

    [Input(Description = "Attachments by reference, separated by commas, e.g. drill-report:<drill id>.")]
    public Input<string> Attachments { get; set; } = new("");

    [Input(Description = "What the journal files the sends under; empty means the workflow's correlation id.")]
    public Input<string> Correlation { get; set; } = new("");

    [Output(Description = "The addresses the email went to.")]
    public Output<string[]> Recipients { get; set; } = new();

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var roles = NotificationStep.List(context.Get(Roles));
        var recipients = await context.GetRequiredService<IRecipientDirectory>().EmailsByRoleAsync(roles, context.CancellationToken);
        var mailer = context.GetRequiredService<Mailer>();
        var attachments = await mailer.ResolveAttachmentsAsync(NotificationStep.List(context.Get(Attachments)), context.CancellationToken);
        var served = NotificationStep.Served(context);
        var delivery = NotificationStep.Delivery(context, context.Get(Correlation));
        foreach (var to in recipients.Where(r => !served.Contains(r)))
        {
            var email = new EmailMessage([to], context.Get(Subject) ?? "", context.Get(TextBody) ?? "")
            {
                HtmlBody = context.Get(HtmlBody) is { Length: > 0 } html ? html : null,
                Attachments = attachments,
            };
            await mailer.SendAsync(email, delivery, context.Attempt, NotificationStep.IsLastAttempt(context), context.CancellationToken);
            NotificationStep.MarkServed(context, served, to);
        }

        context.Set(Recipients, recipients.ToArray());
        await context.CompleteAsync();
    }

    protected override void OnMaterialized(JsonObject source, MaterializeContext context) =>
        NotificationStep.DefaultRetry(this, maxAttempts: 3, initialDelayMs: 60_000);
}
