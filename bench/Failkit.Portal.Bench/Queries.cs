using System.Diagnostics;
using Failkit.Drills;
using Failkit.Portal.Data;
using Failkit.Protection;

namespace Failkit.Portal.Bench;

/// <summary>The dashboard's data alone, in-process: <see cref="DashboardQuery"/> (three queries) against the shape it
/// replaced (each group's history and latest points read separately), on the same seeded tenant.</summary>
public static class Queries
{
    public static async Task<(Timings Grouped, Timings PerGroup)> TimeAsync(BenchHost host, int runs)
    {
        var (groups, drills, points) = (host.Get<ProtectionGroupStore>(), host.Get<DrillStore>(), host.Get<RecoveryPointQueries>());
        var query = new DashboardQuery(groups, drills, points, TimeProvider.System);
        var grouped = await RepeatAsync(runs, () => query.GroupsAsync(CancellationToken.None));
        var perGroup = await RepeatAsync(runs, async () =>
        {
            foreach (var group in await groups.ListAsync(CancellationToken.None))
            {
                await drills.ListAsync(group.Id, 200, CancellationToken.None);
                await points.LatestForDisksAsync(group.Vms.SelectMany(v => v.Disks).Select(d => d.Name).ToList(), null, CancellationToken.None);
            }
        });
        return (grouped, perGroup);
    }

    private static async Task<Timings> RepeatAsync(int runs, Func<Task> run)
    {
        await run();
        var values = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            values.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Timings(values);
    }
}
