using System.Security.Claims;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Sessions;

/// <summary>The browser session: an HttpOnly, SameSite=Lax cookie (Secure whenever the request is HTTPS, always when
/// the plane's public URL is). Lax rather than Strict so the first navigation back from an SSO identity provider
/// carries the session; unsafe requests are guarded by antiforgery (forms) and the same-origin rule (API).</summary>
public static class CookieSessions
{
    public const string Scheme = "Failkit.Cookie";

    public static void Configure(CookieAuthenticationOptions o, IdentityOptions identity)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(identity);
        o.Cookie.Name = identity.IsHttps ? "__Host-failkit-session" : "failkit-session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = identity.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/";
        o.ExpireTimeSpan = identity.SessionLifetime;
        o.SlidingExpiration = true;
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.Events.OnRedirectToLogin = ctx => Challenge(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => Challenge(ctx, StatusCodes.Status403Forbidden);
        o.Events.OnValidatePrincipal = RefreshAsync;
    }

    /// <summary>Pages redirect to the login page; API callers get the status code.</summary>
    private static Task Challenge(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (status == StatusCodes.Status401Unauthorized && HttpMethods.IsGet(ctx.Request.Method) && !IsApi(ctx.Request.Path))
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }
        else
        {
            ctx.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/elsa") || path.StartsWithSegments("/internal") || path.StartsWithSegments("/connect");

    /// <summary>The session's user as the store has them now (current role), or null when the user is gone or
    /// inactive: every request asks this, and so does every portal action, whose circuit outlives the request.</summary>
    public static async Task<ClaimsPrincipal?> CurrentAsync(ClaimsPrincipal? session, UserStore users, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        return session?.UserId() is { } id && await users.FindAsync(id, ct) is { IsActive: true } user ? Principals.ForUser(user, Scheme) : null;
    }

    private static async Task RefreshAsync(CookieValidatePrincipalContext ctx)
    {
        var users = ctx.HttpContext.RequestServices.GetRequiredService<UserStore>();
        if (await CurrentAsync(ctx.Principal, users, ctx.HttpContext.RequestAborted) is not { } current)
        {
            ctx.RejectPrincipal();
            if (ctx.Principal?.UserId() is not null)
            {
                await ctx.HttpContext.SignOutAsync(Scheme);
            }

            return;
        }

        ctx.ReplacePrincipal(current);
    }
}
