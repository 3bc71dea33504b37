using Failkit.Workflows.Persistence;
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

    private static readonly EmbeddedSqlMigrator Scripts = new(typeof(ManagementDatabase).Assembly, "management", LockKey);

    /// <summary>The migrations this build knows, by name.</summary>
    public static IReadOnlyList<string> Known => Scripts.Known;

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

    /// <summary>Applies pending migrations (see <see cref="EmbeddedSqlMigrator"/>) and returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct);
        var ran = await Scripts.MigrateAsync(conn, ct);
        _migrated = true;
        return ran;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _gate.Dispose();
    }
}
