using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Sessions;

/// <summary>CSRF protection for the JSON API: an unsafe request (not GET/HEAD/OPTIONS/TRACE) authenticated by the
/// session cookie must carry an <c>Origin</c> equal to this plane's own origin. Browsers send Origin on every
/// cross-origin request and on same-origin unsafe fetches, and a page cannot forge it. Bearer-token requests are not
/// CSRF-prone and pass. (docs/decisions/identity-csrf.md)</summary>
public sealed class SameOriginRequirement : IAuthorizationRequirement;

public sealed class SameOriginHandler(IOptions<IdentityOptions> options) : AuthorizationHandler<SameOriginRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SameOriginRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Resource is not HttpContext http
            || context.User.Identity?.AuthenticationType != CookieSessions.Scheme
            || IsSafe(http.Request.Method)
            || IsSameOrigin(http, options.Value.PublicUrl))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    public static bool IsSameOrigin(HttpContext http, Uri? publicUrl)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var presented))
        {
            return false;
        }

        var own = publicUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        return string.Equals(presented.GetLeftPart(UriPartial.Authority), own.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
