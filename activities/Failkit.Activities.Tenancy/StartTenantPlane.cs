using Failkit.Management.Planes;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

[Activity("Failkit", "Tenancy", "Start the tenant's plane through the orchestrator, connected as the application role.")]
public sealed class StartTenantPlane : CodeActivity<string>
{
    [Input(Description = "The tenant's slug.", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var tenant = await TenantStep.TenantAsync(context, TenantStep.Slug(context, Slug));
        // The orchestrator returns the running plane's endpoint when it is already up.
        var endpoint = await context.GetRequiredService<TenantPlanes>().StartAsync(tenant, context.CancellationToken);
        context.Set(Result, endpoint.AbsoluteUri);
    }
}
