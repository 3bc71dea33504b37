using Failkit.Tenancy;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

[Activity("Failkit", "Tenancy", "Give every table of the tenant database tenant_id, ENABLE and FORCE row-level security and the isolation policy.")]
public sealed class SecureTenantTables : CodeActivity
{
    [Input(Description = "The tenant's slug.", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var database = await TenantStep.DatabaseAsync(context, TenantStep.Slug(context, Slug));
        // Tables already secured are left as they are, so a rerun changes nothing.
        await TenantDatabaseProvisioner.SecureTablesAsync(database, context.CancellationToken);
    }
}
