namespace Failkit.Protection;

/// <summary>Reads recovery points of the tenant (row-level security keeps it to the tenant). The drills
/// activities select their point through <see cref="LatestForDiskAsync"/>.</summary>
public sealed class RecoveryPointQueries(ProtectionDatabase db)
{
    public const int MaxLimit = 500;

    /// <summary>The newest points first, optionally of one disk and at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<RecoveryPoint>> ListAsync(string? disk, DateTimeOffset? since, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"""
            SELECT {RecoveryPointStore.Columns} FROM protection.recovery_points
            WHERE ($1::text IS NULL OR disk = $1) AND ($2::timestamptz IS NULL OR point_time >= $2)
            ORDER BY point_time DESC, id
            LIMIT $3
            """, disk, since?.ToUniversalTime(), limit);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var points = new List<RecoveryPoint>();
        while (await reader.ReadAsync(ct))
        {
            points.Add(RecoveryPointStore.Read(reader));
        }

        return points;
    }

    public async Task<RecoveryPoint?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {RecoveryPointStore.Columns} FROM protection.recovery_points WHERE id = $1", id);
        return await RecoveryPointStore.ReadOneAsync(cmd, ct);
    }

    /// <summary>The disk's newest point, or with <paramref name="at"/> its newest point taken at or before that
    /// time (the ransomware case: a point from before the infection). Null when the disk has none.</summary>
    public async Task<RecoveryPoint?> LatestForDiskAsync(string disk, DateTimeOffset? at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disk);
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"""
            SELECT {RecoveryPointStore.Columns} FROM protection.recovery_points
            WHERE disk = $1 AND ($2::timestamptz IS NULL OR point_time <= $2)
            ORDER BY point_time DESC, received_at DESC
            LIMIT 1
            """, disk, at?.ToUniversalTime());
        return await RecoveryPointStore.ReadOneAsync(cmd, ct);
    }

    /// <summary><see cref="LatestForDiskAsync"/> for many disks in one query, keyed by disk; a disk without a point is
    /// absent. A drill selects points for all its disks at once, so a 500-VM group costs one round trip, not 500.</summary>
    public async Task<IReadOnlyDictionary<string, RecoveryPoint>> LatestForDisksAsync(IReadOnlyCollection<string> disks, DateTimeOffset? at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(disks);
        var latest = new Dictionary<string, RecoveryPoint>(StringComparer.Ordinal);
        if (disks.Count == 0)
        {
            return latest;
        }

        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"""
            SELECT DISTINCT ON (disk) {RecoveryPointStore.Columns} FROM protection.recovery_points
            WHERE disk = ANY($1) AND ($2::timestamptz IS NULL OR point_time <= $2)
            ORDER BY disk, point_time DESC, received_at DESC
            """, disks.Distinct(StringComparer.Ordinal).ToArray(), at?.ToUniversalTime());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var point = RecoveryPointStore.Read(reader);
            latest[point.Disk] = point;
        }

        return latest;
    }
}
