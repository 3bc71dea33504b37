using Microsoft.Extensions.Logging;

namespace Failkit.Management.Reports;

/// <summary>Hands each accepted report to its tenant's plane, where it becomes a recovery point. The report is
/// recorded in the outbox first, so the agent's 202 means "durably taken" whether or not the plane is up; a plane
/// that is down gets it from <see cref="ReportReforwarder"/> later.</summary>
public sealed class PlaneForwardingRecoveryPointSink(ReportOutbox outbox, ReportForwarder forwarder, TimeProvider time,
    ILogger<PlaneForwardingRecoveryPointSink> log) : IRecoveryPointSink
{
    public async Task AcceptAsync(ReceivedReport received, CancellationToken ct)
    {
        var row = await outbox.RecordAsync(received, ct);
        if (row.ForwardedAt is not null)
        {
            return;
        }

        try
        {
            await DeliverAsync(outbox, forwarder, time, row, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row is in the outbox; the re-forwarder owns it from here, and the agent must not send it again.
            log.LogWarning(ex, "Report {Id} recorded but not forwarded yet", row.Id);
        }
    }

    internal static async Task<ForwardOutcome> DeliverAsync(ReportOutbox outbox, ReportForwarder forwarder, TimeProvider time, OutboxReport row,
        CancellationToken ct)
    {
        var (outcome, status) = await forwarder.ForwardAsync(row, ct);
        if (outcome == ForwardOutcome.Delivered)
        {
            await outbox.MarkForwardedAsync(row.Id, time.GetUtcNow(), ct);
        }
        else if (outcome == ForwardOutcome.Rejected)
        {
            await outbox.MarkRejectedAsync(row.Id, status ?? 0, ct);
        }

        return outcome;
    }
}
