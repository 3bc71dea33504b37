using Failkit.Protection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Failkit.Evidence;

/// <summary>The backstop: every finished drill gets its report, even when a tenant's runbook dropped the
/// SignDrillReport step or the plane stopped between the drill's end and the report. Appends are idempotent, so the
/// sweep and the step may race on one drill.</summary>
public sealed partial class ReportSweeper(IServiceProvider services, TimeProvider time, EvidenceOptions options, ILogger<ReportSweeper> logger) : BackgroundService
{
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

            await Task.Delay(options.SweepInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Reports the finished drills that have none, oldest first; returns how many it made.</summary>
    public async Task<int> PassAsync(CancellationToken ct)
    {
        var chain = services.GetRequiredService<ReportChain>();
        var db = services.GetRequiredService<ProtectionDatabase>();
        var pending = new List<Guid>();
        await using (var conn = await db.OpenAsync(ct))
        await using (var cmd = ProtectionDatabase.Command(conn, """
            SELECT d.id FROM drills.drills d
            WHERE d.status <> 'Running' AND NOT EXISTS (SELECT 1 FROM evidence.reports r WHERE r.drill_id = d.id)
            ORDER BY d.finished_at NULLS LAST, d.id LIMIT 100
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                pending.Add(r.GetGuid(0));
            }
        }

        foreach (var id in pending)
        {
            await chain.AppendAsync(id, ct);
            LogReported(id);
        }

        return pending.Count;
    }

    [LoggerMessage(LogLevel.Information, "Drill {DrillId} had no report; the sweep made it.")]
    private partial void LogReported(Guid drillId);

    [LoggerMessage(LogLevel.Error, "The report sweep failed a pass; it tries again at the next one.")]
    private partial void LogFailed(Exception ex);
}
