using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>Quartz's PostgreSQL job-store tables, created ahead of time by the role that owns the schema. A tenant
/// plane runs as an application role that may not create tables, so it starts its scheduler with
/// TriggerSchedulerOptions.ProvisionSchema off and relies on these being there.</summary>
public static class QuartzSchema
{
    // Quartz ships its schema inside Quartz.dll; {0} and {1} are the table prefix.
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static async Task ProvisionAsync(string connectionString, CancellationToken ct = default)
    {
        await using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in this Quartz build.");
        using var reader = new StreamReader(stream);
        var script = (await reader.ReadToEndAsync(ct)).Replace("{0}", "qrtz_", StringComparison.Ordinal).Replace("{1}", "qrtz_", StringComparison.Ordinal);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Only a line reading exactly "--;;" separates; the header mentions the separator in prose too.
        foreach (var statement in System.Text.RegularExpressions.Regex.Split(script, @"^--;;\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
                     .Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            await using var cmd = new NpgsqlCommand(statement, conn, tx);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }
}
