using Failkit.Identity;
using Failkit.Portal.Data;
using Failkit.Portal.GettingStarted;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Failkit.Portal;

/// <summary>The tenant portal at <c>/</c>: Razor components with MudBlazor, rendered on the server, one interactive
/// circuit per tab (docs/decisions/portal-rendering.md).</summary>
public static class PortalEndpoints
{
    public static IServiceCollection AddFailkitPortal(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<PortalUser>();
        services.AddScoped<PortalAudit>();
        services.AddScoped<DashboardQuery>();
        services.AddScoped<StoredReportVerifier>();
        services.AddScoped<ChangeRecorders>();
        services.AddScoped<AdminCaller>();
        services.AddScoped<FirstRunQuery>();
        services.AddHttpClient<IAgentEnrollmentTokens, HttpAgentEnrollmentTokens>(c => c.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>Maps the pages behind the session: an anonymous visitor is challenged by the default scheme, whose
    /// cookie sends them to the identity module's <c>/login</c>. Needs <c>UseAntiforgery</c> after authorization.</summary>
    public static WebApplication MapFailkitPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // MudBlazor's css/js and blazor.web.js, from the build's static web assets manifest (works unpublished too).
        app.MapStaticAssets().AllowAnonymous().WithMetadata(PortalEndpointMetadata.Instance);
        // No icon yet; browsers ask for one outside the page's <link> (e.g. for downloads), and a 404 fills consoles.
        app.MapGet("/favicon.ico", () => TypedResults.NoContent()).AllowAnonymous().ExcludeFromDescription().WithMetadata(PortalEndpointMetadata.Instance);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(Policies.Read)
            .WithMetadata(PortalEndpointMetadata.Instance);
        return app;
    }
}

/// <summary>Marks the portal's endpoints (pages, circuit hub, static files), so route inventories such as the role
/// matrix test can tell them from the JSON API: their access is covered by Failkit.Portal.Tests.</summary>
public sealed class PortalEndpointMetadata
{
    public static PortalEndpointMetadata Instance { get; } = new();

    private PortalEndpointMetadata()
    {
    }
}
