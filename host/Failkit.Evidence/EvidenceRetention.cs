using System.Globalization;
using System.Text.Json;
using Failkit.Evidence.Format;
using Failkit.Protection;
using Failkit.Tenancy.Audit;
using Npgsql;

namespace Failkit.Evidence;

/// <param name="Days">Reports older than this lose their PDF and manifest body.</param>
/// <param name="IsDefault">True while nobody set a policy: the tier's default applies.</param>
public sealed record RetentionPolicy(int Days, bool IsDefault, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>The tenant's retention policy and the purge it drives. The purge drops only bodies (the PDF, the manifest,
/// raw probe outputs); report numbers, hashes, signatures and links stay, so the chain still verifies.</summary>
public sealed class EvidenceRetention(ProtectionDatabase db, IAuditTrail audit, EvidenceOptions options)
{
    public const string PurgedProbeOutput = "[purged by retention]";

    public const string ChangedKind = "settings.retention-changed";

    /// <summary>Why a retention of <paramref name="days"/> is refused; null when it is allowed.</summary>
    public static string? DaysError(int? days) => days is >= 1 and <= 36500 ? null : "days must be from 1 to 36500";

    public async Task<RetentionPolicy> GetAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await ReadAsync(conn, ct);
    }

    public async Task<RetentionPolicy> SetAsync(int days, AuditEntry entry, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await ReadAsync(conn, ct);
        await EvidenceDatabase.ExecuteAsync(conn, """
            INSERT INTO evidence.retention (singleton, days, updated_at, updated_by) VALUES (true, $1, $2, $3)
            ON CONFLICT (singleton) DO UPDATE SET days = EXCLUDED.days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """, ct, days, at, entry.Actor);
        var after = await ReadAsync(conn, ct);
        await audit.WriteAsync(conn, entry with
        {
            Before = JsonSerializer.Serialize(new { before.Days, before.IsDefault }, EvidenceJson.Options),
            After = JsonSerializer.Serialize(new { after.Days, after.IsDefault }, EvidenceJson.Options),
        }, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>Purges the reports generated before <paramref name="now"/> minus the policy, and the raw probe outputs of
    /// their drills; returns the purged report numbers. Audited as <c>evidence.purged</c> when anything was purged.</summary>
    public async Task<IReadOnlyList<long>> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var policy = await ReadAsync(conn, ct);
        var cutoff = now.AddDays(-policy.Days);
        var purged = new List<(long Number, Guid Drill)>();
        await using (var cmd = ProtectionDatabase.Command(conn, """
            UPDATE evidence.reports SET manifest = NULL, pdf = NULL, purged_at = $1
            WHERE purged_at IS NULL AND generated_at < $2 RETURNING report_number, drill_id
            """, EvidenceDatabase.Microseconds(now), cutoff))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                purged.Add((r.GetInt64(0), r.GetGuid(1)));
            }
        }

        if (purged.Count > 0)
        {
            var drills = purged.Select(p => p.Drill).ToArray();
            var marker = JsonSerializer.Serialize(new Dictionary<string, string> { ["detail"] = PurgedProbeOutput });
            await EvidenceDatabase.ExecuteAsync(conn, """
                UPDATE drills.drill_vms SET probes = COALESCE((SELECT jsonb_agg(p || $2::jsonb) FROM jsonb_array_elements(probes) p), '[]'::jsonb)
                WHERE drill_id = ANY($1)
                """, ct, drills, marker);
            await EvidenceDatabase.ExecuteAsync(conn, """
                UPDATE drills.drills SET result = jsonb_set(result, '{vms}', COALESCE((
                    SELECT jsonb_agg(CASE WHEN jsonb_typeof(v->'probes') = 'array' THEN jsonb_set(v, '{probes}',
                        COALESCE((SELECT jsonb_agg(p || $2::jsonb) FROM jsonb_array_elements(v->'probes') p), '[]'::jsonb)) ELSE v END)
                    FROM jsonb_array_elements(result->'vms') v), '[]'::jsonb))
                WHERE id = ANY($1) AND jsonb_typeof(result->'vms') = 'array'
                """, ct, drills, marker);
            var numbers = string.Join(", ", purged.Select(p => p.Number.ToString(CultureInfo.InvariantCulture)));
            await audit.WriteAsync(conn, new AuditEntry("evidence.purged", "system:retention", "evidence/reports",
                $"reports {numbers}: PDF, manifest body and raw probe outputs purged (generated before {EvidenceJson.Time(cutoff)}, retention {policy.Days} days)"), ct);
        }

        await tx.CommitAsync(ct);
        return [.. purged.Select(p => p.Number)];
    }

    private async Task<RetentionPolicy> ReadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = ProtectionDatabase.Command(conn, "SELECT days, updated_at, updated_by FROM evidence.retention");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new RetentionPolicy(r.GetInt32(0), false, r.GetFieldValue<DateTimeOffset>(1), r.GetString(2))
            : new RetentionPolicy(options.DefaultRetention, true, null, null);
    }
}
