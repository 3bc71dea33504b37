using Failkit.Management.Onboarding;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

/// <summary>Minting and delivering are one step on purpose: the plain token must never be persisted, and the workflow
/// state is. A crash between the two leaves an unused token that expires within five minutes; the rerun mints anew.</summary>
[Activity("Failkit", "Tenancy", "Mint a single-use owner bootstrap token and send the bootstrap link to the tenant's contact.")]
public sealed class SendOwnerBootstrapLink : CodeActivity
{
    [Input(Description = "The tenant's slug.", IsRequired = true)]
    public Input<string> Slug { get; set; } = new("");

    [Input(Description = "Where the link goes (the tenant's contact); empty means the contact in the registry. Printed in embedded mode.")]
    public Input<string> ContactEmail { get; set; } = new("");

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var tenant = await TenantStep.TenantAsync(context, TenantStep.Slug(context, Slug));
        var contact = context.Get(ContactEmail) is { Length: > 0 } given ? given : null;
        await context.GetRequiredService<OwnerBootstrapLinks>().SendAsync(tenant, contact, context.CancellationToken);
    }
}
