using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;

namespace Failkit.Management.Onboarding;

/// <summary>Mints a single-use owner bootstrap token and delivers the link in one call: the plain token is never
/// persisted (the onboarding's state is), so it goes straight from the mint to the delivery.</summary>
public sealed class OwnerBootstrapLinks(BootstrapTokens tokens, TenantPlanes planes, IBootstrapLinkDelivery delivery)
{
    public async Task<BootstrapLink> SendAsync(Tenant tenant, string? contactEmail = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var minted = await tokens.MintAsync(tenant.Id, BootstrapTokenPurpose.Owner, ct)
            ?? throw new InvalidOperationException($"Tenant '{tenant.Slug}' is not active: no bootstrap token is minted for it.");
        var link = new BootstrapLink(tenant.Slug, contactEmail ?? tenant.ContactEmail,
            new Uri(planes.PublicUrlOf(tenant.Slug), "bootstrap?token=" + Uri.EscapeDataString(minted.Token)), minted.ExpiresAt);
        await delivery.DeliverAsync(link, ct);
        return link;
    }
}
