using System.Text.Json.Nodes;
using Failkit.Activities.Notifications;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Tells people how a drill ended: an email to the chosen roles with the verdict (and the signed report
/// PDF when the plane has a <c>drill-report</c> attachment source, which the evidence module registers), and/or a
/// signed webhook carrying the result's summary. With no roles and no URL it does nothing, so the built-in runbook
/// carries it switched off.</summary>
[Activity("Failkit", "Drills", "Notify on completion: email the verdict (with the signed report) to roles and/or post the result summary to a webhook.")]
public sealed class NotifyDrillCompletion : Activity
{
    public const string ReportScheme = "drill-report";

    [Input(Description = "The drill; empty means the workflow input DrillId.")]
    public Input<string> DrillId { get; set; } = new("");

    [Input(Description = "Roles to email, separated by commas (e.g. owner, admin); empty sends no email.")]
    public Input<string> Roles { get; set; } = new("");

    [Input(Description = "A webhook URL for the result summary; empty posts nothing.")]
    public Input<string> WebhookUrl { get; set; } = new("");

    [Input(Description = "The webhook's signing secret name (Failkit:Notifications:Webhooks:Secrets:<name>).")]
    public Input<string> WebhookSecretName { get; set; } = new("");

    [Input(Description = "Attach the signed report PDF when the plane can produce it.", UIHint = "checkbox", DefaultValue = true)]
    public Input<bool> AttachReport { get; set; } = new(true);

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var roles = NotificationList(context.Get(Roles));
        var url = context.Get(WebhookUrl);
        if (roles.Count == 0 && string.IsNullOrWhiteSpace(url))
        {
            await context.CompleteAsync();
            return;
        }

        var ct = context.CancellationToken;
        var id = DrillRun.DrillIdOf(context, DrillId);
        var drill = await context.GetRequiredService<DrillStore>().FindAsync(id, ct)
            ?? throw new WorkflowFaultException("DRILL_NOT_FOUND", $"Drill {id} does not exist.");
        var group = await context.GetRequiredService<ProtectionGroupStore>().FindAsync(drill.GroupId, ct);
        var summary = Summary(drill, group);
        var delivery = new DeliveryContext(context.WorkflowInstanceId, "drill:" + id, $"system:workflow:{context.WorkflowInstanceId}");
        if (roles.Count > 0 && context.GetProperty<bool>("emailed") is false)
        {
            await EmailAsync(context, roles, drill, group, delivery, ct);
            context.SetProperty("emailed", true);
        }

        if (!string.IsNullOrWhiteSpace(url) && context.GetProperty<bool>("posted") is false)
        {
            var secretName = context.Get(WebhookSecretName);
            string? secret = null;
            if (!string.IsNullOrEmpty(secretName) && !context.GetRequiredService<WebhookOptions>().Secrets.TryGetValue(secretName, out secret))
            {
                throw new WorkflowFaultException("webhook-secret", $"No webhook secret named '{secretName}' is configured.");
            }

            var body = new JsonObject { ["id"] = context.IdempotencyKey, ["event"] = "drill.completed", ["createdAt"] = context.Now, ["data"] = summary }.ToJsonString();
            var target = new Uri(url);
            var status = await context.GetRequiredService<WebhookSender>().PostAsync(target, body, secret, context.IdempotencyKey, ct);
            var ok = (int)status is >= 200 and < 300;
            await context.GetRequiredService<DeliveryJournal>().RecordAsync("webhook", $"{target.Scheme}://{target.Authority}/…", "drill.completed",
                ok ? DeliveryOutcome.Delivered : DeliveryOutcome.Retrying, context.Attempt, ok ? null : $"HTTP {(int)status}", delivery, ct);
            if (!ok)
            {
                throw new WebhookDeliveryException($"The drill webhook answered HTTP {(int)status}.");
            }

            context.SetProperty("posted", true);
        }

        await context.CompleteAsync();
    }

    private async Task EmailAsync(ActivityExecutionContext context, IReadOnlyList<string> roles, Drill drill, ProtectionGroup? group, DeliveryContext delivery, CancellationToken ct)
    {
        var recipients = await context.GetRequiredService<IRecipientDirectory>().EmailsByRoleAsync(roles, ct);
        var mailer = context.GetRequiredService<Mailer>();
        var hasReports = context.GetRequiredService<IEnumerable<IAttachmentSource>>().Any(s => s.Scheme == ReportScheme);
        var attachments = context.Get(AttachReport) && hasReports
            ? await mailer.ResolveAttachmentsAsync([$"{ReportScheme}:{drill.Id}"], ct)
            : [];
        var name = group?.Name ?? drill.GroupId.ToString();
        var simulated = drill.Simulated ? " [SIMULATED]" : "";
        var text = $"""
            Drill {drill.Id} of protection group '{name}' ended: {drill.Status}{simulated}.
            Started {drill.RequestedAt:yyyy-MM-dd HH:mm} UTC, finished {drill.FinishedAt:yyyy-MM-dd HH:mm} UTC; RTO target {drill.RtoTargetSeconds} s.
            {(attachments.Count > 0 ? "The signed report is attached." : "The report is in the tenant portal under Drills.")}
            """;
        foreach (var to in recipients)
        {
            await mailer.SendAsync(new EmailMessage([to], $"Drill {drill.Status}{simulated}: {name}", text) { Attachments = attachments },
                delivery, context.Attempt, lastAttempt: false, ct);
        }
    }

    private static JsonObject Summary(Drill d, ProtectionGroup? g) => new()
    {
        ["drillId"] = d.Id.ToString(),
        ["protectionGroup"] = g?.Name,
        ["status"] = d.Status,
        ["simulated"] = d.Simulated,
        ["requestedAt"] = d.RequestedAt,
        ["finishedAt"] = d.FinishedAt,
        ["rtoTargetSeconds"] = d.RtoTargetSeconds,
        ["rpoTargetSeconds"] = d.RpoTargetSeconds,
        ["vms"] = d.Vms.Count,
        ["planRtoSeconds"] = d.Result?["planRto"]?["seconds"]?.DeepClone(),
    };

    private static List<string> NotificationList(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
