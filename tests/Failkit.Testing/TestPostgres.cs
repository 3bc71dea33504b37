using Failkit.LocalPostgres;
using Npgsql;

namespace Failkit.Testing;

/// <summary>One throwaway PostgreSQL cluster per test process (started on first use, stopped by
/// <see cref="PostgresClusterFixture"/>) and a fresh database per caller. There is no fallback: without the
/// PostgreSQL binaries the tests fail and say how to install them.</summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalCluster? _cluster;
    private static string? _external;

    /// <summary>The superuser connection string of the cluster's <c>postgres</c> database.</summary>
    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _external ??= Environment.GetEnvironmentVariable("FAILKIT_TEST_PG");
            if (!string.IsNullOrEmpty(_external))
            {
                return _external;
            }

            _cluster ??= await LocalCluster.StartThrowawayAsync();
            return _cluster.ConnectionString();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    internal static async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
            _cluster = null;
        }
    }
}

/// <summary>Register with <c>[assembly: AssemblyFixture(typeof(PostgresClusterFixture))]</c> so the cluster stops
/// when the test assembly finishes.</summary>
public sealed class PostgresClusterFixture : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await TestPostgres.StopAsync();
}
