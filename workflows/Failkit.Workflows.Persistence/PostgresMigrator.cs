using System.Reflection;
using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>Applies the embedded <c>Migrations/*.sql</c> scripts in name order, each once and in its own
/// transaction, recording them in <c>workflows.schema_migrations</c>. A session-level advisory lock makes
/// replicas that start together take turns: the second one finds the work done.</summary>
public sealed class PostgresMigrator(PostgresPersistenceOptions options) : IDisposable
{
    /// <summary>The advisory lock key of the migrator (an arbitrary constant, "fkwfmig" in ASCII).</summary>
    private const long LockKey = 0x666b77666d6967;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known { get; } = typeof(PostgresMigrator).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n["Migrations.".Length..^".sql".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Runs once per process when <see cref="PostgresPersistenceOptions.MigrateOnStartup"/> is on; every
    /// store call awaits it, so the order of hosted services never matters. A failure is retried on the next call.</summary>
    internal async ValueTask EnsureAsync(CancellationToken ct)
    {
        if (_done || !options.MigrateOnStartup)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (!_done)
            {
                await MigrateAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies pending migrations and returns the names it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(options.MigrationConnectionString ?? options.ConnectionString);
        await conn.OpenAsync(ct);
        await ExecuteAsync(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecuteAsync(conn, """
                CREATE SCHEMA IF NOT EXISTS workflows;
                CREATE TABLE IF NOT EXISTS workflows.schema_migrations (
                    name text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """, ct);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("SELECT name FROM workflows.schema_migrations", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var ran = new List<string>();
            foreach (var name in Known.Where(n => !applied.Contains(n)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecuteAsync(conn, Read(name), ct);
                await using (var record = new NpgsqlCommand("INSERT INTO workflows.schema_migrations (name) VALUES ($1)", conn))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = name });
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                ran.Add(name);
            }

            _done = true;
            return ran;
        }
        finally
        {
            await ExecuteAsync(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Migrations.{name}.sql")
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
