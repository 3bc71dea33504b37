using Failkit.Drills;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

[Activity("Failkit", "Tenancy", "Run the tenant database's migrations (workflows, identity, evidence, Quartz, SSO, protection, drills) as its owner role.")]
public sealed class MigrateTenantDatabase : CodeActivity
{
    [Input(Description = "The tenant's slug.", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var database = await TenantStep.DatabaseAsync(context, TenantStep.Slug(context, Slug));
        // Each migrator records what it applied; a rerun applies nothing twice.
        await TenantDatabaseProvisioner.MigrateAsync(database, context.CancellationToken);
        await SsoDatabase.MigrateAsync(database.OwnerConnectionString, context.CancellationToken);
        await ProtectionMigrator.MigrateAsync(database, context.CancellationToken);
        await DrillsMigrator.MigrateAsync(database, context.CancellationToken);
    }
}
