using Failkit.Protection;

namespace Failkit.Drills;

public sealed partial class DrillStore
{
    /// <summary>The newest <paramref name="perGroup"/> drills of every group, newest first within each, in one query:
    /// the dashboard needs every group's history at once, and a query per group grew with the tenant
    /// (docs/decisions/portal-benchmark.md).</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Drill>>> ListPerGroupAsync(int perGroup, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perGroup, 1);
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"""
            SELECT {Columns} FROM (
                SELECT *, row_number() OVER (PARTITION BY group_id ORDER BY requested_at DESC) AS rank FROM drills.drills) ranked
            WHERE rank <= $1
            ORDER BY group_id, requested_at DESC
            """, perGroup);
        return (await ReadAllAsync(conn, cmd, ct)).GroupBy(d => d.GroupId).ToDictionary(g => g.Key, g => (IReadOnlyList<Drill>)g.ToList());
    }
}
