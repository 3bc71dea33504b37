using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Failkit.Management.OAuth;

/// <summary><c>POST /connect/token</c>: OpenIddict has already authenticated the client (id and secret) when this
/// runs; it issues an access token whose roles are the client's, as recorded by <see cref="PlatformClients"/>.</summary>
public static class TokenEndpoint
{
    public static IEndpointConventionBuilder MapPlatformTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost(PlatformOAuth.TokenPath, IssueAsync).WithName("PlatformToken").WithTags("OAuth").AllowAnonymous();

    internal static async Task<IResult> IssueAsync(HttpContext http, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing; the token endpoint runs behind OpenIddict only.");
        if (!request.IsClientCredentialsGrantType() || request.ClientId is null
            || await applications.FindByClientIdAsync(request.ClientId, ct) is not { } application)
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnsupportedGrantType,
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, ct) ?? request.ClientId);
        identity.SetClaims(Claims.Role, [.. RolesOf(await applications.GetPropertiesAsync(application, ct))]);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    internal static IEnumerable<string> RolesOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(PlatformClients.RolesProperty, out var roles) && roles.ValueKind == JsonValueKind.Array
            ? roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)
            : [];
}
