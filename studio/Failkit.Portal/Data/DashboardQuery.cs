using Failkit.Drills;
using Failkit.Protection;

namespace Failkit.Portal.Data;

/// <summary>One dashboard row, flat so the prerender can hand it to the interactive render (the page persists its
/// rows rather than querying twice).</summary>
public sealed record GroupStatus(
    Guid GroupId,
    string Name,
    Guid? LastDrillId,
    string? LastStatus,
    int RtoTargetMinutes,
    double? RtoAchievedSeconds,
    int RpoTargetMinutes,
    double? RpoAchievedSeconds,
    DateTimeOffset? NextRunAt,
    bool Overdue,
    TimeSpan? ReplicationLag);

/// <summary>The dashboard's numbers, from the same stores and rules the drill API and the cadence check use. Four
/// queries whatever the tenant's size (groups, every group's last ended drill and last pass, every disk's latest
/// point): one query per group made the dashboard grow with the tenant (docs/decisions/portal-benchmark.md).</summary>
public sealed class DashboardQuery(ProtectionGroupStore groups, DrillStore drills, RecoveryPointQueries points, TimeProvider time)
{
    public async Task<IReadOnlyList<GroupStatus>> GroupsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await groups.ListAsync(ct);
        var summaries = await drills.LatestPerGroupAsync(ct);
        var disks = all.SelectMany(g => g.Vms).SelectMany(v => v.Disks).Select(d => d.Name).Distinct().ToList();
        var latest = await points.LatestForDisksAsync(disks, null, ct);
        return all.Select(group =>
        {
            var summary = summaries.GetValueOrDefault(group.Id);
            var last = summary?.LastEnded;
            var overdue = DrillCadence.IsOverdue(summary?.LastPass, now, TimeSpan.FromDays(DrillCadence.DefaultDays));
            return new GroupStatus(group.Id, group.Name, last?.Id, last?.Status, group.RtoTargetMinutes,
                last is null ? null : DrillMetrics.PlanRtoSeconds(last), group.RpoTargetMinutes, last is null ? null : Rpo(last),
                group.Schedule is null ? null : group.NextRunAt, overdue, Lag(group, latest, now));
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
