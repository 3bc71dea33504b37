using Failkit.Workflows.Core.Activities;

namespace Failkit.Workflows.Runtime;

public sealed partial class WorkflowRuntime
{
    /// <summary>Publishes a named event: resumes every instance waiting on it (optionally only those with the
    /// correlation id) and starts every published workflow that an Event trigger of that name begins.</summary>
    public async Task<EventResult> PublishEventAsync(
        string eventName, string? correlationId, object? payload, CancellationToken ct)
    {
        var resumed = new List<string>();
        foreach (var bookmark in await instances.FindBookmarksAsync(Event.BookmarkName, eventName, correlationId, ct))
        {
            var instanceId = bookmark.Id[..bookmark.Id.LastIndexOf(':')];
            try
            {
                await ResumeAsync(instanceId, bookmark.Id, payload, ct);
                resumed.Add(instanceId);
            }
            catch (BookmarkNotFoundException)
            {
                // Another replica resumed it between the lookup and the lock; that is the outcome we wanted.
            }
        }

        var started = new List<string>();
        foreach (var definitionId in await graphs.PublishedDefinitionIdsAsync(ct))
        {
            var graph = await graphs.ResolveAsync(definitionId, VersionOptions.Published, ct);
            foreach (var trigger in graph?.Triggers.OfType<Event>() ?? [])
            {
                if (trigger.EventName.Expression.Text != eventName)
                {
                    continue;
                }

                var input = new Dictionary<string, object?> { ["payload"] = payload };
                var run = await StartAsync(definitionId, new StartRequest { CorrelationId = correlationId, TriggerActivityId = trigger.Id, Input = input }, ct);
                started.Add(run.InstanceId);
            }
        }

        return new EventResult(resumed, started);
    }
}

/// <summary>The instances an event resumed and the ones it started.</summary>
public sealed record EventResult(IReadOnlyList<string> Resumed, IReadOnlyList<string> Started);
