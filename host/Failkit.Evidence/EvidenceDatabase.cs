using Failkit.Protection;
using Npgsql;

namespace Failkit.Evidence;

/// <summary>Small helpers over the tenant's scoped connections (the protection module's data source).</summary>
internal static class EvidenceDatabase
{
    public static async Task<int> ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = ProtectionDatabase.Command(conn, sql, values);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<T?> ScalarAsync<T>(NpgsqlConnection conn, string sql, CancellationToken ct, params object?[] values)
    {
        await using var cmd = ProtectionDatabase.Command(conn, sql, values);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>PostgreSQL keeps microseconds; a time cut to them reads back equal, so hashes over its text hold.</summary>
    public static DateTimeOffset Microseconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
