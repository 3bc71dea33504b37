using System.Security.Claims;
using Failkit.Management;
using Failkit.Management.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.OperatorConsole;

/// <summary>How a platform operator signs in to the console in a browser: with the id and secret of a platform client
/// that holds the platform-operator role (the credential the platform API already trusts), exchanged once for an
/// HttpOnly, SameSite=Strict session cookie (docs/decisions/console.md).</summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "failkit-console";

    /// <summary>The console's pages and circuit: the cookie scheme, and the role the platform API demands.</summary>
    public const string Policy = "failkit-console";

    public const string SignInPath = "/console/sign-in";

    public const string SignOutPath = "/console/sign-out";

    /// <summary>A working shift; the operator signs in again after it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services)
    {
        // Added next to the platform API's bearer scheme, not as the default: the JSON API never accepts this cookie,
        // so a page on another site cannot ride an operator's session into it.
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "failkit-console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = Lifetime;
            o.SlidingExpiration = false;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.ReturnUrlParameter = "returnUrl";
            // Behind the gateway this plane sees its internal address as the host, so the handler's absolute redirect
            // would leave the public URL: the browser is sent a relative one instead.
            o.Events.OnRedirectToLogin = RedirectRelative;
            o.Events.OnRedirectToAccessDenied = RedirectRelative;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireRole(ManagementAuthorization.PlatformOperatorRole));
        return services;
    }

    private static Task RedirectRelative(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
            ? absolute.PathAndQuery
            : context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The operator as the platform API sees the same client: its display name is the name (so audit actors
    /// and an incident's <c>created_by</c> read the same from both), its roles are the client's.</summary>
    public static ClaimsPrincipal PrincipalOf(VerifiedPlatformClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var identity = new ClaimsIdentity(Scheme, "name", "role");
        identity.AddClaim(new Claim("sub", client.ClientId));
        identity.AddClaim(new Claim("name", client.DisplayName));
        foreach (var role in client.Roles)
        {
            identity.AddClaim(new Claim("role", role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>Only a console path is a place to return to after sign-in: anything else would be an open redirect.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/console";
}
