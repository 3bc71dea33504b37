using Failkit.Protection;

namespace Failkit.Drills;

/// <summary>What the dashboard needs of one group's history: its newest drill that has ended, and when its newest
/// passing drill finished (the cadence rule's input).</summary>
public sealed record GroupDrillSummary(Drill? LastEnded, DateTimeOffset? LastPass);

public sealed partial class DrillStore
{
    /// <summary>Every group's <see cref="GroupDrillSummary"/> in two queries whatever the history's length: a query per
    /// group, or reading whole histories, grew with the tenant (docs/decisions/portal-benchmark.md).</summary>
    public async Task<IReadOnlyDictionary<Guid, GroupDrillSummary>> LatestPerGroupAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var ended = ProtectionDatabase.Command(conn, $"""
            SELECT DISTINCT ON (group_id) {Columns} FROM drills.drills
            WHERE status <> 'Running'
            ORDER BY group_id, requested_at DESC
            """);
        var last = (await ReadAllAsync(conn, ended, ct)).ToDictionary(d => d.GroupId);

        var passes = new Dictionary<Guid, DateTimeOffset>();
        await using (var cmd = ProtectionDatabase.Command(conn, """
            SELECT group_id, max(finished_at) FROM drills.drills
            WHERE status = 'Succeeded' AND finished_at IS NOT NULL
            GROUP BY group_id
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                passes[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        return last.Keys.Union(passes.Keys).ToDictionary(
            id => id,
            id => new GroupDrillSummary(last.GetValueOrDefault(id), passes.TryGetValue(id, out var at) ? at : null));
    }
}
