using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Failkit.Drills;

/// <summary>Starts the drills of protection groups whose schedule is due. Claiming a due schedule moves it to its
/// next occurrence in the same transaction, so each occurrence starts one drill across all replicas.</summary>
public sealed partial class DrillScheduler(IServiceProvider services, TimeProvider time, DrillsOptions options, ILogger<DrillScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var groups = services.GetRequiredService<ProtectionGroupStore>();
        var launcher = services.GetRequiredService<DrillLauncher>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (groupId, dueAt) in await groups.ClaimDueSchedulesAsync(time.GetUtcNow(), DrillSchedule.Next, stoppingToken))
                {
                    var started = await launcher.StartAsync(new StartDrillRequest(groupId),
                        new DrillInitiator(DrillInitiator.Schedule, $"schedule due {dueAt:O}"), stoppingToken);
                    if (started.DrillId is null)
                    {
                        LogNotStarted(groupId, string.Join("; ", started.Errors.SelectMany(e => e.Value)));
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }

            await Task.Delay(options.SchedulerInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The scheduled drill of protection group {GroupId} did not start: {Reason}")]
    private partial void LogNotStarted(Guid groupId, string reason);

    [LoggerMessage(LogLevel.Error, "The drill scheduler failed a pass; it tries again at the next one.")]
    private partial void LogFailed(Exception ex);
}
