using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>Applies the workflow system's embedded migrations (<see cref="EmbeddedSqlMigrator"/>, schema
/// <c>workflows</c>) once per process, before the first store call.</summary>
public sealed class PostgresMigrator(PostgresPersistenceOptions options) : IDisposable
{
    /// <summary>The advisory lock key of the migrator (an arbitrary constant, "fkwfmig" in ASCII).</summary>
    private const long LockKey = 0x666b77666d6967;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(PostgresMigrator).Assembly, "workflows", LockKey);

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known => Scripts.Known;

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
        var ran = await Scripts.MigrateAsync(conn, ct);
        _done = true;
        return ran;
    }

    public void Dispose() => _gate.Dispose();
}
