using Failkit.LocalPostgres;
using Npgsql;

namespace Failkit.Host.Embedded;

/// <summary>The plane's database: the configured connection string, or — on embedded defaults — a local PostgreSQL
/// cluster started from the installed binaries under the project's data folder (database <c>failkit</c> for a
/// tenant plane, <c>failkit_management</c> for the management plane).</summary>
public sealed class EmbeddedDatabase
{
    public const string TenantDatabaseName = "failkit";

    public const string ManagementDatabaseName = "failkit_management";

    private readonly LocalCluster? _cluster;

    private EmbeddedDatabase(string connectionString, string? adminConnectionString, LocalCluster? cluster)
    {
        ConnectionString = connectionString;
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    public string ConnectionString { get; }

    /// <summary>A role that may create roles and databases, on the maintenance database: the embedded cluster's
    /// superuser, or <c>ConnectionStrings:FailkitAdmin</c>. Null when neither exists (a tenant plane needs none).</summary>
    public string? AdminConnectionString { get; }

    /// <summary>True when this process started the cluster (and stops it on shutdown).</summary>
    public bool IsEmbedded => _cluster is not null;

    public string? DataDirectory => _cluster?.DataDirectory;

    public static async Task<EmbeddedDatabase> ResolveAsync(IConfiguration configuration, IHostEnvironment environment, string database = TenantDatabaseName)
    {
        var configured = configuration.GetConnectionString("Failkit");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new EmbeddedDatabase(configured, configuration.GetConnectionString("FailkitAdmin"), null);
        }

        var dataDir = configuration["Failkit:DataDirectory"] ?? Path.Combine(environment.ContentRootPath, ".failkit", "pgdata");
        var port = configuration.GetValue<int?>("Failkit:PostgresPort");
        var cluster = await LocalCluster.StartAsync(Path.GetFullPath(dataDir), port, throwaway: false);
        try
        {
            await EnsureDatabaseAsync(cluster.ConnectionString(), database);
        }
        catch
        {
            await cluster.StopAsync();
            throw;
        }

        return new EmbeddedDatabase(cluster.ConnectionString(database), cluster.ConnectionString(), cluster);
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
