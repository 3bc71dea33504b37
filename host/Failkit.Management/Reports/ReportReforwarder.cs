using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Failkit.Management.Reports;

/// <summary>Delivers the reports the sink could not: every <see cref="ReportForwardingOptions.SweepInterval"/> it
/// forwards the outbox's pending rows, oldest first. A tenant whose plane is unavailable is skipped for the rest of
/// the sweep, so one plane that is down does not hold up the others. Several management replicas may sweep at
/// once: a report delivered twice is answered 200 by the tenant plane and changes nothing.</summary>
public sealed class ReportReforwarder(ReportOutbox outbox, ReportForwarder forwarder, ReportForwardingOptions options, TimeProvider time,
    ILogger<ReportReforwarder> log) : BackgroundService
{
    /// <summary>One sweep; returns how many reports were delivered.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var delivered = 0;
        var unavailable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await outbox.PendingAsync(options.SweepBatch, ct))
        {
            if (unavailable.Contains(row.TenantSlug))
            {
                continue;
            }

            switch (await PlaneForwardingRecoveryPointSink.DeliverAsync(outbox, forwarder, time, row, ct))
            {
                case ForwardOutcome.Delivered:
                    delivered++;
                    break;
                case ForwardOutcome.Unavailable:
                    unavailable.Add(row.TenantSlug);
                    break;
            }
        }

        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        do
        {
            try
            {
                if (await SweepAsync(stoppingToken) is > 0 and var n)
                {
                    log.LogInformation("Re-forwarded {Count} agent reports", n);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be restarting; the next tick tries again.
                log.LogWarning(ex, "Report re-forwarding sweep failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
