using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Waits for an approver (POST /api/drills/{id}/approve). The approval row records who decided and when; the
/// output repeats it for the journal. A cancel while waiting rejects.</summary>
[Activity("Failkit", "Drills", "Wait for an approver to approve or reject the drill through the API; who decided and when is recorded.")]
[FlowNode("Approved", "Rejected")]
public sealed class ApprovalGate : Activity
{
    [Input(Description = "The drill; empty means the workflow input DrillId.")]
    public Input<string> DrillId { get; set; } = new("");

    [Input(Description = "Ask for an approval; when off, the gate approves by itself.", UIHint = "checkbox", DefaultValue = true)]
    public Input<bool> Required { get; set; } = new(true);

    [Output(Description = "The decision: approved or rejected, by whom, when, and the comment.")]
    public Output<JsonObject> Decision { get; set; } = new();

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var id = DrillRun.DrillIdOf(context, DrillId);
        if (!context.Get(Required))
        {
            context.Set(Decision, new JsonObject { ["decision"] = "approved", ["decidedBy"] = "not required" });
            await context.CompleteAsync("Approved");
            return;
        }

        // A cancel that landed before this bookmark exists found nothing to wake, so the gate must see it here.
        var drill = await context.GetRequiredService<DrillStore>().FindAsync(id, context.CancellationToken);
        if (drill?.CancelRequestedAt is not null)
        {
            context.Set(Decision, new JsonObject { ["decision"] = "rejected", ["decidedBy"] = "cancel", ["decidedAt"] = context.Now });
            await context.CompleteAsync("Rejected");
            return;
        }

        context.CreateBookmark(new BookmarkOptions(DrillBookmarks.Approval, Hash: id.ToString()));
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input)
    {
        var body = input is null ? null : JsonSerializer.SerializeToNode(input) as JsonObject;
        if (body?["cancel"] is not null)
        {
            context.Set(Decision, new JsonObject { ["decision"] = "rejected", ["decidedBy"] = "cancel", ["decidedAt"] = context.Now });
            return context.CompleteAsync("Rejected");
        }

        var decision = body?["decision"]?.GetValue<string>() ?? "rejected";
        context.Set(Decision, body?.DeepClone().AsObject() ?? new JsonObject { ["decision"] = decision });
        return context.CompleteAsync(decision == "approved" ? "Approved" : "Rejected");
    }
}
