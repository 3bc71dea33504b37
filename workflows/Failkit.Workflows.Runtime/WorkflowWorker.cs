using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Failkit.Workflows.Runtime;

/// <summary>Drains the work queue (dispatched starts, due timers, child completions) with a few concurrent loops.
/// Every replica runs one; the store guarantees an item goes to one replica only.</summary>
public sealed class WorkflowWorker(WorkflowRuntime runtime, RuntimeOptions options, ILogger<WorkflowWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => LoopAsync(stoppingToken)));

    private async Task LoopAsync(CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await runtime.ProcessNextAsync(ct))
                {
                    await Task.Delay(options.PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The claimed item is still queued (its transaction rolled back); back off and let any replica retry it.
                logger.LogError(ex, "Processing a work item failed on {Node}", options.NodeId);
                await Task.Delay(options.PollInterval * 5, ct);
            }
        }
    }
}
