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

/// <summary>The dashboard's numbers, from the same stores and rules the drill API and the cadence check use. Three
/// queries whatever the tenant's size (groups, every group's history, every disk's latest point): one query per group
/// made the dashboard grow with the tenant (docs/decisions/portal-benchmark.md).</summary>
public sealed class DashboardQuery(ProtectionGroupStore groups, DrillStore drills, RecoveryPointQueries points, TimeProvider time)
{
    /// <summary>Enough history for the cadence rule; the daily check reads the same depth.</summary>
    private const int HistoryDepth = 200;

    public async Task<IReadOnlyList<GroupStatus>> GroupsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await groups.ListAsync(ct);
        var histories = await drills.ListPerGroupAsync(HistoryDepth, ct);
        var disks = all.SelectMany(g => g.Vms).SelectMany(v => v.Disks).Select(d => d.Name).Distinct().ToList();
        var latest = await points.LatestForDisksAsync(disks, null, ct);
        return all.Select(group =>
        {
            var history = histories.TryGetValue(group.Id, out var h) ? h : [];
            var last = history.FirstOrDefault(d => d.Status != DrillStatus.Running);
            var overdue = DrillCadence.IsOverdue(DrillCadence.LastPass(history), now, TimeSpan.FromDays(DrillCadence.DefaultDays));
            return new GroupStatus(group, last, last is null ? null : DrillMetrics.PlanRtoSeconds(last), last is null ? null : Rpo(last), overdue,
                Lag(group, latest, now));
        }).ToList();
    }

    public Task<IReadOnlyList<Drill>> RecentDrillsAsync(int limit, CancellationToken ct) => drills.ListAsync(null, limit, ct);

    /// <summary>The worst VM's RPO: the group is only as recoverable as its stalest disk.</summary>
    private static double? Rpo(Drill drill) =>
        drill.Vms.Select(vm => DrillMetrics.Measure(drill, vm).RpoSeconds).Where(s => s is not null).DefaultIfEmpty(null).Max();

    /// <summary>Replication lag: the age of the oldest "latest recovery point" across the group's disks; null when a disk
    /// has none at all (shown as "no recovery point", which is worse than any lag).</summary>
    private static TimeSpan? Lag(ProtectionGroup group, IReadOnlyDictionary<string, RecoveryPoint> latest, DateTimeOffset now)
    {
        var disks = group.Vms.SelectMany(v => v.Disks).Select(d => d.Name).Distinct().ToList();
        return disks.Count > 0 && disks.All(latest.ContainsKey) ? now - disks.Min(d => latest[d].PointTime) : null;
    }
}
