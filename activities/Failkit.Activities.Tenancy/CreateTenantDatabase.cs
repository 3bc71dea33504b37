using Failkit.Management.Planes;
using Failkit.Tenancy;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

[Activity("Failkit", "Tenancy", "Create the tenant's owner role, application role (not owner, NOBYPASSRLS, CONNECT on its own database only) and database.")]
public sealed class CreateTenantDatabase : CodeActivity
{
    [Input(Description = "The tenant's slug (its subdomain and the source of its database and role names).", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var slug = TenantStep.Slug(context, Slug);
        var provisioner = context.GetRequiredService<TenantDatabaseProvisioner>();
        // The provisioner checks the catalogs before each statement, so a rerun after a crash creates nothing twice.
        await provisioner.EnsureRolesAsync(slug, await context.GetRequiredService<TenantCredentials>().PasswordsAsync(slug, context.CancellationToken), context.CancellationToken);
        await provisioner.EnsureDatabaseAsync(slug, context.CancellationToken);
    }
}
