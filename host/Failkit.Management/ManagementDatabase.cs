using System.Reflection;
using Npgsql;

namespace Failkit.Management;

/// <summary>Connections to the management database. The first open applies the embedded migrations, so callers
/// never depend on the order in which hosted services start.</summary>
public sealed class ManagementDatabase : IAsyncDisposable
{
    /// <summary>The migrator's advisory lock key (an arbitrary constant, "fkmgmig" in ASCII).</summary>
    private const long LockKey = 0x666b6d676d6967;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _migrate;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _migrated;

    public ManagementDatabase(ManagementOptions options)
    {
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _migrate = options.MigrateOnStartup;
    }

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known { get; } = typeof(ManagementDatabase).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n["Migrations.".Length..^".sql".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_migrate && !_migrated)
        {
            await _gate.WaitAsync(ct);
            try
            {
                if (!_migrated)
                {
                    await MigrateAsync(ct);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return await _dataSource.OpenConnectionAsync(ct);
    }

    /// <summary>Applies pending migrations, each once and in its own transaction, and returns their names. The
    /// session advisory lock makes replicas that start together take turns; the second finds nothing to do.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecuteAsync(conn, """
                CREATE SCHEMA IF NOT EXISTS management;
                CREATE TABLE IF NOT EXISTS management.schema_migrations (
                    name text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """, ct);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("SELECT name FROM management.schema_migrations", conn))
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
                await using (var record = new NpgsqlCommand("INSERT INTO management.schema_migrations (name) VALUES ($1)", conn))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = name });
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                ran.Add(name);
            }

            _migrated = true;
            return ran;
        }
        finally
        {
            await ExecuteAsync(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _gate.Dispose();
    }

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
