using Failkit.Workflows.Core.Activities;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Failkit.Workflows.Runtime.Scheduling;

/// <summary>Keeps Quartz's triggers in step with the published definitions: one Quartz job per definition, one
/// trigger per Cron or Timer trigger activity. Re-synced on every publish, retract and delete.</summary>
public sealed class TriggerScheduler(
    TriggerSchedulerOptions options,
    IWorkflowDefinitionStore definitions,
    WorkflowGraphCache graphs,
    WorkflowDefinitionService definitionService,
    WorkflowRuntime runtime,
    ILogger<TriggerScheduler> logger) : IHostedService
{
    private const string Group = "failkit";
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "failkit-workflows";
                o.InstanceId = options.InstanceId;
                o.IdleWaitTime = TimeSpan.FromSeconds(1);
            });
            q.UseDefaultThreadPool(4);
            if (options.ConnectionString is { } cs)
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(cs);
                    store.UseSystemTextJsonSerializer(_ => { });
                    store.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                    if (options.ProvisionSchema)
                    {
                        store.ProvisionSchema();
                    }
                });
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }
        }).BuildScheduler(cancellationToken);
        _scheduler.Context[WorkflowTriggerJob.SchedulerContextKey] = this;
        definitionService.PublishedSetChanged += SyncAsync;
        foreach (var id in (await definitions.ListAsync(VersionOptions.Published, null, cancellationToken)).Select(d => d.DefinitionId).Distinct())
        {
            await SyncAsync(id);
        }

        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        definitionService.PublishedSetChanged -= SyncAsync;
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    /// <summary>Brings one definition's Quartz triggers in line with its published version.</summary>
    public async Task SyncAsync(string definitionId)
    {
        var scheduler = _scheduler ?? throw new InvalidOperationException("The trigger scheduler has not started.");
        var graph = await graphs.ResolveAsync(definitionId, VersionOptions.Published, CancellationToken.None);
        var wanted = new Dictionary<TriggerKey, ITrigger>();
        var job = new JobKey(definitionId, Group);
        foreach (var activity in graph?.Triggers ?? [])
        {
            if (BuildTrigger(job, activity) is { } trigger)
            {
                wanted[trigger.Key] = trigger;
            }
        }

        var existing = await scheduler.GetTriggersOfJob(job);
        foreach (var t in existing.Where(t => !wanted.ContainsKey(t.Key)))
        {
            await scheduler.UnscheduleJob(t.Key);
        }

        if (wanted.Count == 0)
        {
            await scheduler.DeleteJob(job);
            return;
        }

        var detail = JobBuilder.Create<WorkflowTriggerJob>().WithIdentity(job).StoreDurably().UsingJobData(WorkflowTriggerJob.DefinitionKey, definitionId).Build();
        var present = existing.Select(t => t.Key).ToHashSet();
        await scheduler.ScheduleJob(detail, wanted.Values.Where(t => !present.Contains(t.Key)).ToList(), ScheduleJobOptions.Replacing);
        logger.LogInformation("Definition {DefinitionId}: {Count} schedule trigger(s) active", definitionId, wanted.Count);
    }

    internal async Task FireAsync(string definitionId, string activityId, string occurrence, CancellationToken ct)
    {
        var graph = await graphs.ResolveAsync(definitionId, VersionOptions.Published, ct);
        if (graph is null || !graph.Triggers.Any(t => t.Id == activityId))
        {
            return;
        }

        await runtime.StartAsync(definitionId, new StartRequest { TriggerActivityId = activityId, CorrelationId = $"schedule:{activityId}:{occurrence}" }, ct);
    }

    private static ITrigger? BuildTrigger(JobKey job, Core.IActivity activity)
    {
        // The key names the schedule itself: republishing an unchanged schedule keeps the trigger (and its next
        // fire time), a changed one replaces it, and every replica derives the same key.
        var schedule = activity switch
        {
            Cron c => $"cron|{c.CronExpression.Expression.Text}|{c.TimeZone.Expression.Text}",
            Core.Activities.Timer t => $"timer|{t.Interval.Expression.Text}",
            _ => "",
        };
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(schedule)))[..12];
        var key = new TriggerKey($"{job.Name}:{activity.Id}:{hash}", Group);
        var builder = TriggerBuilder.Create(TimeProvider.System).WithIdentity(key).ForJob(job).UsingJobData(WorkflowTriggerJob.ActivityKey, activity.Id);
        return activity switch
        {
            Cron cron => builder.WithCronSchedule(
                QuartzCron.FromCronos(cron.CronExpression.Expression.Text ?? ""),
                s => s.InTimeZone(ZoneOf(cron.TimeZone.Expression.Text)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build(),
            Core.Activities.Timer timer => builder.StartNow().WithSimpleSchedule(s => s
                .WithInterval(Core.Expressions.ValueConverter.Convert(timer.Interval.Expression.Text, typeof(TimeSpan)) is TimeSpan ts ? ts : TimeSpan.FromMinutes(1))
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build(),
            _ => null,
        };
    }

    private static TimeZoneInfo ZoneOf(string? id) => string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
