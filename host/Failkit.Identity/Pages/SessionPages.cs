using Failkit.Identity.Audit;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Identity.Pages;

/// <summary><c>/login</c> and <c>/logout</c>; the home page <c>/</c> is the portal (studio/Failkit.Portal).</summary>
public static class SessionPages
{
    /// <summary>Same words for a wrong password, an unknown email, a disabled and a locked account: the page must not
    /// tell which emails exist.</summary>
    public const string LoginFailedMessage = "Sign-in failed. Check your email and password; after 5 failures in a row an account is locked for 15 minutes.";

    public static IEndpointRouteBuilder MapSessionPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", LoginForm).WithName("LoginPage").ExcludeFromDescription();
        app.MapPost("/login", Login).WithName("Login").ExcludeFromDescription();
        app.MapPost("/logout", Logout).WithName("Logout").ExcludeFromDescription();
        return app;
    }

    private static async Task<ContentHttpResult> LoginForm(HttpContext http, ILoginProviders providers, string? returnUrl) =>
        await LoginPageAsync(http, providers, returnUrl, null, null, StatusCodes.Status200OK);

    /// <summary>The password form, then one button per configured SSO protocol. A failed password sign-in keeps its
    /// message on the password field: it is the same words whichever of the two was wrong.</summary>
    private static async Task<ContentHttpResult> LoginPageAsync(HttpContext http, ILoginProviders providers, string? returnUrl, string? email, string? error, int status)
    {
        var back = IsLocal(returnUrl) ? returnUrl! : "/";
        var buttons = (await providers.ListAsync(http.RequestAborted))
            .Select(p => $"""<a class="button" data-test="sso" href="{Html.E(p.StartPath)}?returnUrl={Html.E(Uri.EscapeDataString(back))}">Sign in with {Html.E(p.Name)}</a>""")
            .ToList();
        var sso = buttons.Count == 0 ? "" : $"""<div class="sso"><div class="or">or</div>{string.Join("", buttons)}</div>""";
        return Html.Page("Sign in", Html.Form(http, "/login", "Sign in",
            Html.Field("email", "Email", "email", email, "username"),
            Html.Field("password", "Password", "password", null, "current-password", error),
            Html.Hidden("returnUrl", returnUrl)) + sso + Html.Link("/account/forgot", "Forgot your password?"), status);
    }

    private static async Task<Results<ContentHttpResult, RedirectHttpResult, ProblemHttpResult>> Login(HttpContext http, LoginService logins, ILoginProviders providers)
    {
        var read = await Forms.ReadAsync(http);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var email = read.Get("email");
        var returnUrl = read.Get("returnUrl");
        var result = await logins.LoginAsync(email, read.Raw("password"), http.RequestAborted);
        if (result is not { Outcome: LoginOutcome.Succeeded, User: { } user })
        {
            return await LoginPageAsync(http, providers, returnUrl, email, LoginFailedMessage, StatusCodes.Status401Unauthorized);
        }

        await http.SignInAsync(CookieSessions.Scheme, Principals.ForUser(user, CookieSessions.Scheme));
        return TypedResults.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Logout(HttpContext http, AuditLog audit)
    {
        var read = await Forms.ReadAsync(http);
        if (read.Error is not null)
        {
            return read.Error;
        }

        if (http.User.UserId() is not null)
        {
            await audit.WriteAsync(AuditKinds.Logout, http.User.Actor(), null, null, http.RequestAborted);
        }

        await http.SignOutAsync(CookieSessions.Scheme);
        return TypedResults.Redirect("/login");
    }

    /// <summary>Only same-site paths: "/x" but not "//host" or "/\host", which browsers treat as another site.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
