using Failkit.Evidence.Format;
using Failkit.Identity.Audit;
using Npgsql;

namespace Failkit.Identity.Tests.Fixtures;

/// <summary>The audit log straight from the table, oldest first, as export records.</summary>
internal static class AuditReading
{
    public static async Task<List<AuditRecord>> AllAsync(string connectionString, string where = "TRUE", params object[] args)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT {AuditRecords.Columns} FROM identity.audit_events WHERE {where} ORDER BY seq", conn);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<AuditRecord>();
        while (await r.ReadAsync())
        {
            list.Add(AuditRecords.Read(r));
        }

        return list;
    }

    /// <summary>The events of one kind, oldest first.</summary>
    public static Task<List<AuditRecord>> OfKindAsync(string connectionString, string kind) => AllAsync(connectionString, "kind = $1", kind);
}
