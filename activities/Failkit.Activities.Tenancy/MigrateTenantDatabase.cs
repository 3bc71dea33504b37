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
        await TenantSchemas.MigrateAllAsync(database, context.CancellationToken);
    }
}
