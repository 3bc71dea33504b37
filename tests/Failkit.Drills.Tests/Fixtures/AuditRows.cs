using Npgsql;

namespace Failkit.Drills.Tests.Fixtures;

public sealed record AuditRow(string Kind, string Actor, string? Detail, string? Source, string? Before, string? After);

/// <summary>The tenant's audit events about one target, oldest first, read as the app role.</summary>
public static class AuditRows
{
    public static async Task<List<AuditRow>> ForAsync(DrillPlane plane, string target)
    {
        ArgumentNullException.ThrowIfNull(plane);
        await using var conn = new NpgsqlConnection(plane.Tenant.AppConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT kind, actor, detail, source, before, after FROM identity.audit_events WHERE target = $1 ORDER BY seq", conn)
        {
            Parameters = { new() { Value = target } },
        };
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await r.ReadAsync())
        {
            rows.Add(new AuditRow(r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5)));
        }

        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
