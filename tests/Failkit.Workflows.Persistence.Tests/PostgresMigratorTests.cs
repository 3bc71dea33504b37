using Failkit.Testing;
using Failkit.Workflows.Persistence.Tests.Fakes;

namespace Failkit.Workflows.Persistence.Tests;

public sealed class PostgresMigratorTests
{
    [Fact]
    public async Task TwoReplicasMigratingTogether_ApplyEachMigrationOnce()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate");
        using var first = new PostgresMigrator(new PostgresPersistenceOptions { ConnectionString = connectionString });
        using var second = new PostgresMigrator(new PostgresPersistenceOptions { ConnectionString = connectionString });

        var applied = await Task.WhenAll(first.MigrateAsync(TestContext.Current.CancellationToken), second.MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresMigrator.Known, applied.SelectMany(a => a).Order(StringComparer.Ordinal));
        Assert.Equal(PostgresMigrator.Known.Count, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM workflows.schema_migrations"));
        Assert.Empty(await first.MigrateAsync(TestContext.Current.CancellationToken));
    }
}
