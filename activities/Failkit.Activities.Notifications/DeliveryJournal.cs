using Failkit.Tenancy.Audit;
using Npgsql;

namespace Failkit.Activities.Notifications;

/// <summary>A journal row: one outcome of one send to one recipient.</summary>
public sealed record Delivery(
    Guid Id, string Channel, string Recipient, string Subject, string Outcome, int Attempts, string? Error,
    string? WorkflowInstanceId, string? Correlation, DateTimeOffset At);

public static class DeliveryOutcome
{
    public const string Delivered = "delivered";

    /// <summary>This attempt failed and another is scheduled.</summary>
    public const string Retrying = "retrying";

    /// <summary>The last attempt failed.</summary>
    public const string Failed = "failed";

    /// <summary>Never attempted: the target is not allowed (SSRF guard) or not valid.</summary>
    public const string Refused = "refused";
}

/// <summary>Writes every send to <c>notifications.deliveries</c> and to the plane's audit trail when it has one (a
/// tenant plane does; the management plane's journal is its record).</summary>
public sealed class DeliveryJournal(NpgsqlDataSource dataSource, TimeProvider time, IAuditTrail? audit = null)
{
    public async Task<Delivery> RecordAsync(
        string channel, string recipient, string subject, string outcome, int attempts, string? error, DeliveryContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = new Delivery(Guid.NewGuid(), channel, recipient, Clip(subject, 500), outcome, Math.Max(1, attempts),
            error is null ? null : Clip(error, 2000), context.WorkflowInstanceId, context.Correlation, time.GetUtcNow());
        await using (var cmd = dataSource.CreateCommand("""
            INSERT INTO notifications.deliveries (id, channel, recipient, subject, outcome, attempts, error, workflow_instance_id, correlation, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """))
        {
            cmd.Parameters.AddWithValue(row.Id);
            cmd.Parameters.AddWithValue(row.Channel);
            cmd.Parameters.AddWithValue(row.Recipient);
            cmd.Parameters.AddWithValue(row.Subject);
            cmd.Parameters.AddWithValue(row.Outcome);
            cmd.Parameters.AddWithValue(row.Attempts);
            cmd.Parameters.AddWithValue((object?)row.Error ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)row.WorkflowInstanceId ?? DBNull.Value);
            cmd.Parameters.AddWithValue((object?)row.Correlation ?? DBNull.Value);
            cmd.Parameters.AddWithValue(row.At);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        if (audit is not null)
        {
            await audit.WriteAsync(new AuditEntry($"notification.{outcome}", context.Actor, $"{channel}:{recipient}",
                $"{row.Subject} (attempt {row.Attempts}){(row.Error is null ? "" : ": " + row.Error)}"), ct);
        }

        return row;
    }

    /// <summary>The journal, newest first; <paramref name="correlation"/> narrows it to one incident or drill.</summary>
    public async Task<IReadOnlyList<Delivery>> ListAsync(string? correlation, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, channel, recipient, subject, outcome, attempts, error, workflow_instance_id, correlation, at
            FROM notifications.deliveries WHERE ($1::text IS NULL OR correlation = $1) ORDER BY at DESC, id LIMIT $2
            """);
        cmd.Parameters.AddWithValue((object?)correlation ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        cmd.Parameters.AddWithValue(limit);
        var rows = new List<Delivery>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new Delivery(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.GetFieldValue<DateTimeOffset>(9)));
        }

        return rows;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
