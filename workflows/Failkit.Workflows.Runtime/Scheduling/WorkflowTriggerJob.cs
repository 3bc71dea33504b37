using Quartz;

namespace Failkit.Workflows.Runtime.Scheduling;

/// <summary>Fired by Quartz for a cron or timer trigger: starts the published version at that trigger. In a
/// cluster, Quartz fires each occurrence on one node only.</summary>
public sealed class WorkflowTriggerJob : IJob
{
    public const string DefinitionKey = "definitionId";
    public const string ActivityKey = "activityId";
    public const string SchedulerContextKey = "failkit.triggers";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var triggers = (TriggerScheduler)context.Scheduler.Context[SchedulerContextKey]!;
        var data = context.MergedJobDataMap;
        var occurrence = (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await triggers.FireAsync(data.GetString(DefinitionKey)!, data.GetString(ActivityKey)!, occurrence, cancellationToken);
    }
}
