namespace Failkit.Sso;

/// <summary>Refuses every SSO route for tenants whose tier does not include SSO, before any handler runs.</summary>
internal sealed class TierFilter(SsoOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return options.TierAllowsSso
            ? await next(context)
            : new SsoException("TierNotEligible", $"single sign-on needs the Professional or Enterprise tier; this tenant is on {options.Tier}",
                StatusCodes.Status403Forbidden).ToProblem();
    }
}
