using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>The workflow stores' own connection pool. A wrapper type rather than a bare <see cref="NpgsqlDataSource"/>
/// registration, so another module's data source in the same container never gets mixed up with this one.</summary>
public sealed class WorkflowsDatabase(PostgresPersistenceOptions options, PostgresMigrator migrator) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(options.ConnectionString);

    /// <summary>An open pooled connection, after pending migrations have run.</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await migrator.EnsureAsync(ct);
        return await DataSource.OpenConnectionAsync(ct);
    }

    internal ValueTask EnsureMigratedAsync(CancellationToken ct) => migrator.EnsureAsync(ct);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
