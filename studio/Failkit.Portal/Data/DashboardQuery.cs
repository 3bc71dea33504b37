using Failkit.Drills;
using Failkit.Protection;

namespace Failkit.Portal.Data;

/// <summary>One dashboard row: a protection group with its last drill and what it achieved against the targets.</summary>
public sealed record GroupStatus(
    ProtectionGroup Group,
    Drill? LastDrill,
    double? RtoAchievedSeconds,
    double? RpoAchievedSeconds,
    bool Overdue,
    TimeSpan? ReplicationLag);

/// <summary>The dashboard's numbers, from the same stores and rules the drill API and the cadence check use.</summary>
public sealed class DashboardQuery(ProtectionGroupStore groups, DrillStore drills, RecoveryPointQueries points, TimeProvider time)
{
    /// <summary>Enough history for the cadence rule; the daily check reads the same depth.</summary>
    private const int HistoryDepth = 200;

    public async Task<IReadOnlyList<GroupStatus>> GroupsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = new List<GroupStatus>();
        foreach (var group in await groups.ListAsync(ct))
        {
            var history = await drills.ListAsync(group.Id, HistoryDepth, ct);
            var last = history.FirstOrDefault(d => d.Status != DrillStatus.Running);
            var overdue = DrillCadence.IsOverdue(DrillCadence.LastPass(history), now, TimeSpan.FromDays(DrillCadence.DefaultDays));
            rows.Add(new GroupStatus(group, last, last is null ? null : DrillMetrics.PlanRtoSeconds(last), last is null ? null : Rpo(last), overdue,
                await LagAsync(group, now, ct)));
        }

        return rows;
    }

    public Task<IReadOnlyList<Drill>> RecentDrillsAsync(int limit, CancellationToken ct) => drills.ListAsync(null, limit, ct);

    /// <summary>The worst VM's RPO: the group is only as recoverable as its stalest disk.</summary>
    private static double? Rpo(Drill drill) =>
        drill.Vms.Select(vm => DrillMetrics.Measure(drill, vm).RpoSeconds).Where(s => s is not null).DefaultIfEmpty(null).Max();

    /// <summary>Replication lag: the age of the oldest "latest recovery point" across the group's disks; null when a disk
    /// has none at all (shown as "no recovery point", which is worse than any lag).</summary>
    private async Task<TimeSpan?> LagAsync(ProtectionGroup group, DateTimeOffset now, CancellationToken ct)
    {
        var disks = group.Vms.SelectMany(v => v.Disks).Select(d => d.Name).Distinct().ToList();
        if (disks.Count == 0)
        {
            return null;
        }

        var latest = await points.LatestForDisksAsync(disks, null, ct);
        return disks.All(latest.ContainsKey) ? now - disks.Min(d => latest[d].PointTime) : null;
    }
}
