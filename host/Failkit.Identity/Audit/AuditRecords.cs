using Failkit.Evidence.Format;
using Npgsql;

namespace Failkit.Identity.Audit;

/// <summary>Rows of <c>identity.audit_events</c> as <see cref="AuditRecord"/>s, the export's format, so the chain is
/// checked by the one C# rule (<see cref="AuditChainRule"/>) that mirrors <c>identity.audit_canonical</c>.</summary>
public static class AuditRecords
{
    public const string Columns = "seq, at, kind, actor, target, detail, source, before, after, prev_sha256";

    public static AuditRecord Read(NpgsqlDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AuditRecord(r.GetInt64(0), EvidenceJson.Time(r.GetFieldValue<DateTimeOffset>(1)), r.GetString(2), r.GetString(3),
            Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(9)));
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
