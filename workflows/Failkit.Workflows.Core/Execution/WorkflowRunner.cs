namespace Failkit.Workflows.Core.Execution;

/// <summary>Runs one burst: executes scheduled work until the instance finishes or waits on bookmarks only.</summary>
public static class WorkflowRunner
{
    /// <summary>The bookmark name a retry waits on; the timer machinery resumes it like any timer.</summary>
    public const string RetryBookmark = "Failkit.Retry";

    public static async ValueTask RunAsync(WorkflowExecutionContext wf)
    {
        wf.State.SubStatus = WorkflowSubStatus.Executing;
        while (!wf.IsFinished && wf.TryDequeue(out var item))
        {
            if (!wf.Contexts.TryGetValue(item.ContextId, out var ctx))
            {
                continue;
            }

            try
            {
                await StepAsync(ctx, item);
            }
            catch (OperationCanceledException) when (wf.CancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Fault(wf, ctx, ex);
            }

            AfterStep(wf, ctx);
            if (wf.Graph.CommitEachActivity && wf.CommitHook is { } commit && !wf.IsFinished)
            {
                wf.Snapshot();
                await commit(wf);
            }
        }

        Finalize(wf);
    }

    private static async ValueTask StepAsync(ActivityExecutionContext ctx, WorkItem item)
    {
        var activity = ctx.Activity;
        switch (item.Kind)
        {
            case WorkKind.Execute:
            case WorkKind.Resume when item.Bookmark?.Name == RetryBookmark:
                ctx.Status = ActivityStatus.Running;
                await activity.ExecuteAsync(ctx);
                if (!ctx.IsCompleted && activity is Activity { AutoComplete: true } && !ctx.HasBookmarks && ctx.Children.Count == 0)
                {
                    await ctx.CompleteAsync();
                }

                RecordLiteralInputs(ctx);
                break;
            case WorkKind.Resume:
                ctx.Status = ActivityStatus.Running;
                await activity.ResumeAsync(ctx, item.Bookmark!, item.Input);
                break;
            case WorkKind.ChildCompleted:
                await activity.OnChildCompletedAsync(ctx, item.Child!);
                break;
        }
    }

    /// <summary>The journal shows every input: literal ones the activity did not read are added without
    /// evaluating anything else (a script is never run just for the journal).</summary>
    private static void RecordLiteralInputs(ActivityExecutionContext ctx)
    {
        if (ctx.Record is null || ctx.Activity is not Activity activity)
        {
            return;
        }

        foreach (var member in ActivityTypeModel.For(activity.GetType()).Inputs)
        {
            if (member.IsWrapped && member.Property.GetValue(activity) is Input { Expression.Type: Expression.LiteralType } input &&
                ctx.StateRecord.Inputs?.ContainsKey(input.Name) != true && input.Name.Length > 0)
            {
                ctx.StateRecord.Inputs ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                ctx.StateRecord.Inputs[input.Name] = input.IsSensitive ? "***" : Expressions.ValueConverter.Unwrap(input.Expression.Value);
            }
        }
    }

    private static void AfterStep(WorkflowExecutionContext wf, ActivityExecutionContext ctx)
    {
        if (wf.IsFinished || !wf.Contexts.ContainsKey(ctx.Id))
        {
            return;
        }

        if (!ctx.IsCompleted)
        {
            if (ctx.HasBookmarks)
            {
                ctx.Status = ActivityStatus.Suspended;
            }

            return;
        }

        wf.CancelDescendants(ctx);
        wf.Remove(ctx, ActivityStatus.Completed);
        if (ctx.Parent is { } parent)
        {
            var child = new ChildCompletion(ctx.Activity.Id, ctx.NodeId, ctx.Id, ctx.Outcomes, ctx.Result);
            wf.Enqueue(new WorkItem(WorkKind.ChildCompleted, parent.Id, Child: child));
        }
        else
        {
            wf.Complete(WorkflowSubStatus.Finished);
        }
    }

    private static void Fault(WorkflowExecutionContext wf, ActivityExecutionContext ctx, Exception ex)
    {
        var message = ex is WorkflowFaultException wfe ? $"{wfe.Code}: {wfe.Message}" : ex.Message;
        if (ctx.Record is { } record)
        {
            record.Exception = $"{ex.GetType().Name}: {message}";
        }

        var policy = ex is WorkflowFaultException ? RetryPolicy.None : RetryPolicy.From(ctx.Activity.CustomProperties);
        if (ctx.Attempt < policy.MaxAttempts)
        {
            ctx.Attempt++;
            ctx.ResetForRetry();
            wf.CancelDescendants(ctx);
            var delay = policy.DelayBefore(ctx.Attempt);
            if (delay <= TimeSpan.Zero)
            {
                wf.Enqueue(new WorkItem(WorkKind.Execute, ctx.Id));
            }
            else
            {
                ctx.CreateBookmark(new BookmarkOptions(RetryBookmark, ResumeAt: ctx.Now + delay));
            }

            return;
        }

        var incident = new Incident(ctx.Activity.Id, ctx.NodeId, ctx.Activity.Type, message, ex.GetType().Name, ctx.Now, ctx.Attempt);
        wf.State.Incidents.Add(incident);
        ctx.MarkFaulted();
        if (!wf.Graph.ContinueOnIncident)
        {
            wf.Remove(ctx, ActivityStatus.Faulted);
            wf.Complete(WorkflowSubStatus.Faulted, $"Activity '{ctx.Activity.Id}' ({ctx.Activity.Type}) faulted: {message}");
        }
    }

    private static void Finalize(WorkflowExecutionContext wf)
    {
        if (!wf.IsFinished)
        {
            if (wf.Contexts.Count == 0)
            {
                wf.Complete(WorkflowSubStatus.Finished);
            }
            else
            {
                wf.State.SubStatus = WorkflowSubStatus.Suspended;
                foreach (var ctx in wf.Contexts.Values)
                {
                    wf.WriteRecord(ctx, finished: false);
                }
            }
        }

        wf.Snapshot();
    }
}
