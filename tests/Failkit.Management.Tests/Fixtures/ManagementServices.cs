using Failkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>The production registration (<c>AddFailkitManagement</c>) over a fresh database and key ring, with the
/// clock swapped for a <see cref="FakeTimeProvider"/>.</summary>
public sealed class ManagementServices : IAsyncDisposable
{
    private ManagementServices(ServiceProvider services, string connectionString, string keyRing, FakeTimeProvider time)
    {
        Services = services;
        ConnectionString = connectionString;
        KeyRing = keyRing;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public string ConnectionString { get; }

    public string KeyRing { get; }

    public FakeTimeProvider Time { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ManagementServices> CreateAsync(string? connectionString = null, string? keyRing = null)
    {
        connectionString ??= await TestPostgres.CreateDatabaseAsync("mgmt");
        keyRing ??= Path.Combine(Path.GetTempPath(), "failkit-mgmt-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sc = new ServiceCollection();
        sc.AddLogging();
        sc.AddSingleton<TimeProvider>(time);
        sc.AddFailkitManagement(o =>
        {
            o.ConnectionString = connectionString;
            o.KeyRingDirectory = keyRing;
        });
        return new ManagementServices(sc.BuildServiceProvider(), connectionString, keyRing, time);
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        }

        return await cmd.ExecuteScalarAsync() is T t ? t : default;
    }

    /// <summary>Disposes the services. The key ring folder stays: another instance in the same test may share it, and
    /// the key rings live under one temp folder the OS cleans.</summary>
    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
