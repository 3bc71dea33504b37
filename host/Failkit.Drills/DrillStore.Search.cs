using Failkit.Protection;

namespace Failkit.Drills;

/// <summary>What the drill history can be narrowed to; null means "any".</summary>
/// <param name="From">Started at or after.</param>
/// <param name="To">Started before.</param>
public sealed record DrillFilter(Guid? GroupId = null, string? Status = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed partial class DrillStore
{
    /// <summary>The newest drills first that match every given part of <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<Drill>> SearchAsync(DrillFilter filter, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"""
            SELECT {Columns} FROM drills.drills
            WHERE ($1::uuid IS NULL OR group_id = $1) AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR requested_at >= $3) AND ($4::timestamptz IS NULL OR requested_at < $4)
            ORDER BY requested_at DESC LIMIT $5
            """, filter.GroupId, filter.Status, filter.From, filter.To, limit);
        return await ReadAllAsync(conn, cmd, ct);
    }
}
