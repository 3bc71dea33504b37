using System.Text.Json.Nodes;
using Failkit.Activities.Notifications;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>The "drill overdue" check, run daily by the built-in <c>drill-overdue</c> workflow: every protection group
/// without a passing drill inside the cadence is reported to the chosen roles, at most once per reminder interval (the
/// notification journal remembers the last reminder). This is the "test at least yearly" rule made visible.</summary>
[Activity("Failkit", "Drills", "Email the chosen roles about every protection group without a passing drill inside the cadence.")]
public sealed class CheckDrillCadence : CodeActivity
{
    [Input(Description = "The cadence in days: a group is overdue when its last passing drill is older.", DefaultValue = 90)]
    public Input<int> CadenceDays { get; set; } = new(90);

    [Input(Description = "Roles to tell, separated by commas.", DefaultValue = "owner")]
    public Input<string> Roles { get; set; } = new("owner");

    [Input(Description = "Days between two reminders about the same group.", DefaultValue = 7)]
    public Input<int> RemindEveryDays { get; set; } = new(7);

    [Output(Description = "The overdue groups: name, last passing drill (or null).")]
    public Output<JsonArray> Overdue { get; set; } = new();

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var ct = context.CancellationToken;
        var cadence = TimeSpan.FromDays(Math.Max(1, context.Get(CadenceDays)));
        var journal = context.GetRequiredService<DeliveryJournal>();
        var drills = context.GetRequiredService<DrillStore>();
        var overdue = new JsonArray();
        foreach (var group in await context.GetRequiredService<ProtectionGroupStore>().ListAsync(ct))
        {
            var lastPass = DrillCadence.LastPass(await drills.ListAsync(group.Id, 200, ct));
            if (!DrillCadence.IsOverdue(lastPass, context.Now, cadence))
            {
                continue;
            }

            overdue.Add(new JsonObject { ["group"] = group.Name, ["lastPassingDrill"] = lastPass });
            var correlation = "drill-overdue:" + group.Id;
            var recent = await journal.ListAsync(correlation, 1, ct);
            var last = recent.Count > 0 ? recent[0] : null;
            if (last is not null && context.Now - last.At < TimeSpan.FromDays(Math.Max(1, context.Get(RemindEveryDays))))
            {
                continue;
            }

            var text = lastPass == default
                ? $"Protection group '{group.Name}' has never had a passing drill. Run one: POST /api/drills."
                : $"The last passing drill of protection group '{group.Name}' finished {lastPass:yyyy-MM-dd} UTC, more than {cadence.TotalDays:0} days ago. Run one: POST /api/drills.";
            var roles = (context.Get(Roles) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var mailer = context.GetRequiredService<Mailer>();
            var delivery = new DeliveryContext(context.WorkflowInstanceId, correlation, $"system:workflow:{context.WorkflowInstanceId}");
            foreach (var to in await context.GetRequiredService<IRecipientDirectory>().EmailsByRoleAsync(roles, ct))
            {
                await mailer.SendAsync(new EmailMessage([to], $"Drill overdue: {group.Name}", text), delivery, context.Attempt, lastAttempt: false, ct);
            }
        }

        context.Set(Overdue, overdue);
    }
}
