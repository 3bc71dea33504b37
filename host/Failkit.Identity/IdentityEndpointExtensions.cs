using Failkit.Identity.Audit;
using Failkit.Identity.Clients;
using Failkit.Identity.Http;
using Failkit.Identity.Internal;
using Failkit.Identity.Pages;
using Failkit.Identity.Support;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Identity;

public static class IdentityEndpointExtensions
{
    /// <summary>The pages (<c>/</c>, <c>/login</c>, <c>/logout</c>, <c>/bootstrap</c>, <c>/account/*</c>), the API under
    /// <c>/api</c>, the token endpoint and the internal routes.</summary>
    public static IEndpointRouteBuilder MapFailkitIdentity(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").DisableAntiforgery();
        pages.MapSessionPages();
        pages.MapBootstrapPages();
        pages.MapAccountPages();
        ((IEndpointConventionBuilder)pages).Finally(Problems.Wrap);

        var api = app.MapGroup("/api").DisableAntiforgery();
        api.MapUserEndpoints();
        api.MapApiClientEndpoints();
        api.MapSupportEndpoints();
        api.MapAuditEndpoints();
        ((IEndpointConventionBuilder)api).Finally(Problems.Wrap);

        app.MapTokenEndpoint();
        app.MapInternalIdentityEndpoints();
        return app;
    }
}
