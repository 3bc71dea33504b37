using Failkit.LocalPostgres;
using Npgsql;

namespace Failkit.Workflows.Bench;

/// <summary>A PostgreSQL cluster for the durable rows, with fsync and synchronous_commit on (LocalCluster's
/// non-throwaway mode), in a temporary folder the harness deletes at the end. One database per configuration.</summary>
public sealed class DurableCluster : IAsyncDisposable
{
    private readonly LocalCluster _cluster;
    private readonly string _dir;

    private DurableCluster(LocalCluster cluster, string dir, string settings)
    {
        _cluster = cluster;
        _dir = dir;
        Settings = settings;
    }

    /// <summary>Server version and the settings that decide commit cost, for the table's header.</summary>
    public string Settings { get; }

    public static async Task<DurableCluster> StartAsync(CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "failkit-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        LocalCluster? cluster = null;
        try
        {
            cluster = await LocalCluster.StartAsync(dir, port: null, throwaway: false, ct);
            await using var conn = new NpgsqlConnection(cluster.ConnectionString());
            await conn.OpenAsync(ct);

            // The anchors' ceiling was measured with max_wal_size 4GB; the 1GB default adds checkpoint stalls to long runs.
            await Exec(conn, "ALTER SYSTEM SET max_wal_size = '4GB'", ct);
            await Exec(conn, "SELECT pg_reload_conf()", ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || " +
                "current_setting('synchronous_commit') || ', shared_buffers=' || current_setting('shared_buffers') || " +
                "', max_wal_size=' || current_setting('max_wal_size')", conn);
            var settings = (string)(await cmd.ExecuteScalarAsync(ct))!;
            return new DurableCluster(cluster, dir, "PostgreSQL " + settings);
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            DeleteFolder(dir);
            throw;
        }
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(_cluster.ConnectionString());
        await conn.OpenAsync(ct);
        await Exec(conn, $"DROP DATABASE IF EXISTS \"{name}\"", ct);
        await Exec(conn, $"CREATE DATABASE \"{name}\"", ct);
        return _cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        DeleteFolder(_dir);
    }

    public static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void DeleteFolder(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not delete {dir}: {ex.Message}");
        }
    }
}
