using Failkit.LocalPostgres;
using Npgsql;

namespace Failkit.Host.Embedded;

/// <summary>The tenant database: the configured connection string, or — on embedded defaults — a local
/// PostgreSQL cluster started from the installed binaries under the project's data folder.</summary>
public sealed class EmbeddedDatabase
{
    private readonly LocalCluster? _cluster;

    private EmbeddedDatabase(string connectionString, LocalCluster? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    /// <summary>True when this process started the cluster (and stops it on shutdown).</summary>
    public bool IsEmbedded => _cluster is not null;

    public string? DataDirectory => _cluster?.DataDirectory;

    public static async Task<EmbeddedDatabase> ResolveAsync(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Failkit");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new EmbeddedDatabase(configured, null);
        }

        var dataDir = configuration["Failkit:DataDirectory"] ?? Path.Combine(environment.ContentRootPath, ".failkit", "pgdata");
        var port = configuration.GetValue<int?>("Failkit:PostgresPort");
        var cluster = await LocalCluster.StartAsync(Path.GetFullPath(dataDir), port, throwaway: false);
        var connectionString = cluster.ConnectionString("failkit");
        await EnsureDatabaseAsync(cluster.ConnectionString(), "failkit");
        return new EmbeddedDatabase(connectionString, cluster);
    }

    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }
    }

    private static async Task EnsureDatabaseAsync(string admin, string name)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await create.ExecuteNonQueryAsync();
        }
    }
}
