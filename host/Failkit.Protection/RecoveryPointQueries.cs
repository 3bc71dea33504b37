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

    /// <summary>Every disk an agent has reported a recovery point for, by name, with its latest point and the most
    /// bytes one scan read (a full scan reads the whole disk, so this is the disk's size as the agent saw it).</summary>
    public async Task<IReadOnlyList<ReportedDisk>> DisksAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, """
            SELECT disk, max(point_time), max(bytes_scanned) FROM protection.recovery_points GROUP BY disk ORDER BY disk
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var disks = new List<ReportedDisk>();
        while (await reader.ReadAsync(ct))
        {
            disks.Add(new ReportedDisk(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2)));
        }

        return disks;
    }
}

/// <summary>A disk an agent protects, as its recovery points describe it.</summary>
public sealed record ReportedDisk(string Name, DateTimeOffset LatestPointTime, long SizeBytes);
