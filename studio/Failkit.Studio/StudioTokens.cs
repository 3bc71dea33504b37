using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Failkit.Studio;

/// <summary><c>POST /studio/token</c>: trades the user's session for a short-lived bearer token that the page hands
/// to the Elsa Studio elements. The API never accepts the cookie itself, so a cross-site form cannot drive it; this
/// route refuses cross-origin callers, and a token cannot mint another (it needs the session).</summary>
public static class StudioTokens
{
    /// <summary>A header a cross-origin page cannot send without a CORS preflight, which this host never grants.</summary>
    public const string RequestHeader = "X-Failkit-Studio";

    /// <summary>Marks a studio token, so the host's scheme selector can tell it from an API client's token.</summary>
    public const string Prefix = "fkst.";

    /// <summary>Strips <see cref="Prefix"/> before the bearer handler unprotects the token.</summary>
    internal static Task ReadPrefixedToken(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer " + Prefix, StringComparison.Ordinal))
        {
            context.Token = header[("Bearer " + Prefix).Length..].Trim();
        }

        return Task.CompletedTask;
    }

    public static Results<Ok<StudioTokenResponse>, ProblemHttpResult> Issue(
        HttpContext context, IOptionsMonitor<BearerTokenOptions> bearer, IOptions<StudioOptions> studio, TimeProvider time)
    {
        if (!IsSameOrigin(context.Request))
        {
            return TypedResults.Problem(
                $"The studio token is only issued to Failkit's own pages (same origin, with the {RequestHeader} header).",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        var lifetime = studio.Value.TokenLifetime;
        var now = time.GetUtcNow();
        var session = context.User.Identities.First(i => i.IsAuthenticated);
        var identity = new ClaimsIdentity(
            session.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer)),
            StudioAuthorization.TokenScheme, session.NameClaimType, session.RoleClaimType);
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, StudioAuthorization.TokenScheme);
        var token = Prefix + bearer.Get(StudioAuthorization.TokenScheme).BearerTokenProtector.Protect(ticket);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new StudioTokenResponse(token, "Bearer", (int)lifetime.TotalSeconds));
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers[RequestHeader] != "1")
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}

public sealed record StudioTokenResponse(string AccessToken, string TokenType, int ExpiresIn);
