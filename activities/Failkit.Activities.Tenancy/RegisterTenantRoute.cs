using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

[Activity("Failkit", "Tenancy", "Activate the tenant and route <slug>.<domain> to its plane through the gateway.")]
public sealed class RegisterTenantRoute : CodeActivity<string>
{
    [Input(Description = "The tenant's slug.", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var slug = TenantStep.Slug(context, Slug);
        var tenant = await context.GetRequiredService<TenantRegistry>().ActivateAsync(slug.Value, context.CancellationToken)
            ?? throw new InvalidOperationException($"Tenant '{slug}' cannot be activated: it is not provisioning or active any more.");
        var planes = context.GetRequiredService<TenantPlanes>();
        await planes.RouteAsync(tenant, context.CancellationToken);
        context.Set(Result, planes.PublicUrlOf(slug.Value).AbsoluteUri);
    }
}
