using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Drills.Tests.Fixtures;

public sealed partial class DrillHarness
{
    private int _definitions;

    /// <summary>Runs <paramref name="step"/> alone in a flowchart for the drill, with the workflow input
    /// <c>DrillId</c> the launcher passes, and records the instance as the drill's runbook (so cancel and approve reach
    /// it). Returns after the first burst: finished, or waiting on a bookmark.</summary>
    public Task<RunResult> RunAsync(Guid drillId, JsonObject step, IDictionary<string, object?>? input = null) =>
        StartAsync(drillId, Step.Flowchart(step), input);

    /// <summary>Brings the drill to a state by running real steps one after the other (e.g. select, then boot).</summary>
    public async Task PrepareAsync(Guid drillId, params JsonObject[] steps)
    {
        var run = await StartAsync(drillId, Step.Sequence(steps), null);
        Assert.True(run.SubStatus == WorkflowSubStatus.Finished, $"the preparation ended {run.SubStatus}: {string.Join("; ", run.Incidents.Select(i => i.Message))}");
    }

    /// <summary>Moves the fake clock and runs whatever became due (timer bookmarks, queued resumes).</summary>
    public async Task<RunResult> AdvanceAsync(string instanceId, TimeSpan by)
    {
        Time.Advance(by);
        return await DrainAsync(instanceId);
    }

    /// <summary>Runs the queued work (e.g. a resume that DrillControl queued) without moving the clock.</summary>
    public async Task<RunResult> DrainAsync(string instanceId)
    {
        await Host.DrainAsync();
        return new RunResult(await Host.Runtime.GetAsync(instanceId, CancellationToken.None)
            ?? throw new InvalidOperationException($"No instance {instanceId}."));
    }

    /// <summary>Runs a burst that waits on the fake clock inside a cloud call (the backoff of throttled calls), moving
    /// the clock a second at a time until the burst returns.</summary>
    public async Task<RunResult> DriveAsync(Func<Task<RunResult>> burst, TimeSpan limit)
    {
        var task = Task.Run(burst);
        var start = Time.GetUtcNow();
        while (!task.IsCompleted)
        {
            // Real time, so the burst reaches its next wait; moving the clock early only changes how long it waits.
            await Task.Delay(5);
            Assert.True(Time.GetUtcNow() - start < limit, $"the burst did not return within {limit} of fake clock");
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return await task;
    }

    /// <summary>Advances the clock by <paramref name="step"/> until the instance finishes; fails after
    /// <paramref name="limit"/> of simulated time.</summary>
    public async Task<RunResult> RunToEndAsync(RunResult run, TimeSpan step, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(run);
        var start = Time.GetUtcNow();
        while (run.Status != WorkflowStatus.Finished)
        {
            Assert.True(Time.GetUtcNow() - start < limit, $"the step did not finish within {limit} of fake clock");
            run = await AdvanceAsync(run.InstanceId, step);
        }

        return run;
    }

    /// <summary>The step's journal row once it completed: its outcomes and outputs.</summary>
    public async Task<ActivityExecutionRecord> CompletedStepAsync(string instanceId, string activityId = Step.Id)
    {
        var journal = await Host.Services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(instanceId, CancellationToken.None);
        return journal.Where(r => r.ActivityId == activityId && r.CompletedAt is not null).MaxBy(r => r.Sequence)
            ?? throw new InvalidOperationException($"The step {activityId} has not completed: {string.Join(", ", journal.Select(r => $"{r.ActivityId} {r.Status}"))}");
    }

    /// <summary>An output of a completed step as JSON, whatever CLR shape the journal keeps it in.</summary>
    public static JsonNode? Output(ActivityExecutionRecord record, string name)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = record.Outputs?.FirstOrDefault(o => string.Equals(o.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is null ? null : JsonSerializer.SerializeToNode(value, DrillsJson.Options);
    }

    private async Task<RunResult> StartAsync(Guid drillId, JsonObject root, IDictionary<string, object?>? input)
    {
        var definitionId = $"step-{Interlocked.Increment(ref _definitions)}";
        await Host.PublishAsync(Step.Definition(definitionId, root));
        var all = new Dictionary<string, object?>(input ?? new Dictionary<string, object?>()) { [DrillLauncher.DrillIdInput] = drillId.ToString() };
        var instanceId = Guid.NewGuid().ToString("N");
        await Drills.SetWorkflowInstanceAsync(drillId, instanceId, CancellationToken.None);
        return await Host.Runtime.StartAsync(definitionId, new StartRequest { InstanceId = instanceId, CorrelationId = drillId.ToString(), Input = all },
            CancellationToken.None);
    }
}
