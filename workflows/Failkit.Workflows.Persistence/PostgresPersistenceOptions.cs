namespace Failkit.Workflows.Persistence;

/// <summary>Where the workflow tables live and who may change their schema.</summary>
public sealed class PostgresPersistenceOptions
{
    /// <summary>The application's connection string; the stores use it for every read and write.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>A connection string for the role that owns the schema (the tenant database's owner role runs
    /// migrations, the application role does not). Null means <see cref="ConnectionString"/>.</summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>Apply pending migrations before the first store call and at host start. Turn it off when a
    /// deployment step runs <see cref="PostgresMigrator.MigrateAsync"/> on its own.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
