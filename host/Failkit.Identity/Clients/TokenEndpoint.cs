using System.Security.Claims;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Failkit.Identity.Clients;

/// <summary><c>POST /connect/token</c>: OpenIddict has already authenticated the client (id + secret) and checked
/// the grant type; this issues the access token with the client's role, unless the client was revoked.</summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Issue).WithName("IssueToken").WithTags("API clients").DisableAntiforgery();
        return app;
    }

    private static async Task<Results<SignInHttpResult, ForbidHttpResult>> Issue(HttpContext http, ApiClientService clients)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        var client = request.IsClientCredentialsGrantType() && request.ClientId is { } id ? await clients.FindAsync(id, http.RequestAborted) : null;
        if (client is null || client.RevokedAt is not null)
        {
            return TypedResults.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidClient,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The client is unknown or revoked.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Roles.ClaimType);
        identity.SetClaim(Claims.Subject, client.ClientId);
        identity.SetClaim(Claims.Name, client.Name);
        identity.SetClaim(Roles.ClaimType, client.Role);
        identity.SetClaim(Principals.ActorClaim, Actors.Client(client.ClientId));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
