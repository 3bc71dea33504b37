using Failkit.Workflows.Core.Execution;

namespace Failkit.Workflows.Core;

public sealed partial class ActivityExecutionContext
{
    /// <summary>Suspends the activity until the bookmark is resumed (by event, timer or API).</summary>
    public Bookmark CreateBookmark(BookmarkOptions options)
    {
        var bookmark = new Bookmark
        {
            Id = $"{Workflow.State.Id}:{Workflow.NextId()}",
            Name = options.Name,
            Hash = options.Hash,
            Payload = options.Payload,
            ActivityNodeId = NodeId,
            ActivityInstanceId = Id,
            ResumeAt = options.ResumeAt,
            CreatedAt = Now,
        };
        Workflow.State.Bookmarks.Add(bookmark);
        return bookmark;
    }

    public bool HasBookmarks => Workflow.State.Bookmarks.Count > 0 && Workflow.State.Bookmarks.Exists(b => b.ActivityInstanceId == Id);

    /// <summary>Schedules a child; this activity's <see cref="IActivity.OnChildCompletedAsync"/> hears of its completion.</summary>
    public ActivityExecutionContext ScheduleActivity(IActivity child, IReadOnlyDictionary<string, object?>? properties = null)
    {
        var ctx = Workflow.CreateContext(child, this);
        if (properties is not null)
        {
            foreach (var (k, v) in properties)
            {
                ctx.Properties[k] = v;
            }
        }

        Workflow.Enqueue(new WorkItem(WorkKind.Execute, ctx.Id));
        return ctx;
    }

    /// <summary>Cancels every unfinished descendant (used by End, WaitAny joins and Finish).</summary>
    public void CancelChildren() => Workflow.CancelDescendants(this);

    /// <summary>Ends the whole workflow as finished, cancelling everything still running.</summary>
    public void FinishWorkflow() => Workflow.Complete(WorkflowSubStatus.Finished);

    public void SetWorkflowOutput(string name, object? value) => Workflow.State.Output[name] = value;
}
