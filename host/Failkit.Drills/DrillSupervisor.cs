using System.Text.Json.Nodes;
using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Failkit.Drills;

/// <summary>The runbook's fault path: a drill whose runbook instance finished (faulted, cancelled through the engine,
/// or edited so it never compiles a result) while the drill is still running gets the built-in cleanup runbook, which
/// tears down, sweeps and compiles. Cleanup therefore runs on every path, whatever a tenant does to its runbook.</summary>
public sealed partial class DrillSupervisor(IServiceProvider services, TimeProvider time, DrillsOptions options, ILogger<DrillSupervisor> logger) : BackgroundService
{
    public const string FaultInput = "RunbookEnded";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }

            await Task.Delay(options.SupervisorInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task PassAsync(CancellationToken ct)
    {
        var drills = services.GetRequiredService<DrillStore>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        foreach (var drill in await drills.ListRunningAsync(ct))
        {
            if (drill.WorkflowInstanceId is null || await runtime.GetAsync(drill.WorkflowInstanceId, ct) is not { Status: WorkflowStatus.Finished } ended)
            {
                continue;
            }

            if (drill.CleanupInstanceId is null)
            {
                var reason = $"{ended.SubStatus}{(ended.Incidents.Count > 0 ? ": " + ended.Incidents[^1].Message : "")}";
                var cleanupId = $"{drill.Id}-cleanup";
                if (await drills.TrySetCleanupInstanceAsync(drill.Id, cleanupId, ct))
                {
                    await runtime.DispatchAsync(options.CleanupDefinitionId, new StartRequest
                    {
                        InstanceId = cleanupId,
                        CorrelationId = drill.Id.ToString(),
                        Input = new Dictionary<string, object?> { [DrillLauncher.DrillIdInput] = drill.Id.ToString(), [FaultInput] = reason },
                    }, ct);
                    LogCleanupStarted(drill.Id, reason);
                }
            }
            else if (await runtime.GetAsync(drill.CleanupInstanceId, ct) is { Status: WorkflowStatus.Finished } cleanup)
            {
                // Even the cleanup runbook ended without a result: the drill fails, saying so, rather than run forever.
                var result = new JsonObject
                {
                    ["error"] = $"the runbook and its cleanup ended without a result (cleanup {cleanup.SubStatus})",
                    ["completedAt"] = time.GetUtcNow(),
                };
                await drills.CompleteAsync(drill.Id, DrillStatus.Failed, result, ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Drill {DrillId}: its runbook ended without a result ({Reason}); the cleanup runbook started.")]
    private partial void LogCleanupStarted(Guid drillId, string reason);

    [LoggerMessage(LogLevel.Error, "The drill supervisor failed a pass; it tries again at the next one.")]
    private partial void LogFailed(Exception ex);
}
