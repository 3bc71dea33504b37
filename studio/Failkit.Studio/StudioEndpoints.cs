using Failkit.Workflows.Api.Access;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Failkit.Studio;

/// <summary>The designer under <c>/studio</c>: the Elsa Studio custom elements in Failkit's host pages, the package's
/// files, and the token route that connects the pages to the Elsa API.</summary>
public static class StudioEndpoints
{
    public const string BasePath = "/studio";

    /// <summary>The studio token scheme, the policies the pages and the API use, and rights from roles. The host still
    /// supplies the session scheme (<see cref="StudioOptions.SessionScheme"/>, the login cookie).</summary>
    public static IServiceCollection AddFailkitStudio(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StudioOptions>(configuration.GetSection(StudioOptions.Section));
        services.AddSingleton<StudioPackage>();
        services.AddAuthentication().AddBearerToken(StudioAuthorization.TokenScheme);
        services.AddOptions<BearerTokenOptions>(StudioAuthorization.TokenScheme)
            .Configure<IOptions<StudioOptions>>((bearer, studio) =>
            {
                bearer.BearerTokenExpiration = studio.Value.TokenLifetime;
                bearer.Events.OnMessageReceived = StudioTokens.ReadPrefixedToken;
            });
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<StudioOptions>>((authorization, studio) =>
        {
            authorization.AddPolicy(StudioAuthorization.SessionPolicy, p => p.AddAuthenticationSchemes(studio.Value.SessionScheme).RequireAuthenticatedUser());
            authorization.AddPolicy(StudioAuthorization.ApiPolicy, p => p.AddAuthenticationSchemes(StudioAuthorization.TokenScheme).RequireAuthenticatedUser());
            authorization.AddPolicy(StudioAuthorization.EditPolicy, p => p.RequireAssertion(c => StudioAuthorization.IsWriter(c.User)));
            authorization.AddPolicy(StudioAuthorization.RunPolicy, p => p.RequireAssertion(c => StudioAuthorization.IsWriter(c.User)));
        });
        services.AddAuthorization();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowDefinitionPermissions, PolicyWorkflowDefinitionPermissions>());
        return services;
    }

    public static IEndpointRouteBuilder MapFailkitStudio(this IEndpointRouteBuilder app)
    {
        var studio = app.MapGroup(BasePath).WithTags("Studio");
        var pages = studio.MapGroup("").RequireAuthorization(StudioAuthorization.SessionPolicy).ExcludeFromDescription();
        pages.MapGet("", StudioPages.DefinitionList).WithName("StudioDefinitionList");
        pages.MapGet("/definitions/{id}", StudioPages.DefinitionEditor).WithName("StudioDefinitionEditor");
        pages.MapGet("/instances", StudioPages.InstanceList).WithName("StudioInstanceList");
        pages.MapGet("/instances/{id}", StudioPages.InstanceViewer).WithName("StudioInstanceViewer");
        pages.MapGet("/workflows/instances/{id}/view", StudioPages.RunView).WithName("StudioRunView");
        studio.MapPost("/token", StudioTokens.Issue).RequireAuthorization(StudioAuthorization.SessionPolicy).WithName("IssueStudioToken");
        studio.MapGet("/failkit-studio.js", () => TypedResults.Text(StudioPages.Script, "text/javascript")).AllowAnonymous().WithName("StudioScript").ExcludeFromDescription();
        // The package's own files are public (MIT, unmodified); only the pages and the API need the user.
        studio.MapGet("/{**path}", StudioFiles.Serve).AllowAnonymous().WithName("StudioFiles").ExcludeFromDescription();
        return app;
    }

    /// <summary>No anonymous access to the Elsa API: a studio token (401 without one); rights then come from roles.</summary>
    public static TBuilder RequireStudioToken<TBuilder>(this TBuilder api)
        where TBuilder : IEndpointConventionBuilder =>
        api.RequireAuthorization(StudioAuthorization.ApiPolicy);
}
