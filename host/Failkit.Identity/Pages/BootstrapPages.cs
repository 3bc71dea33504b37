using Failkit.Identity.Bootstrap;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Pages;

/// <summary><c>/bootstrap?token=</c>: the link the onboarding hands the tenant's contact. It creates the first owner.</summary>
public static class BootstrapPages
{
    public static IEndpointRouteBuilder MapBootstrapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bootstrap", Form).WithName("BootstrapPage").ExcludeFromDescription();
        app.MapPost("/bootstrap", Redeem).WithName("Bootstrap").ExcludeFromDescription();
        return app;
    }

    public static string Message(BootstrapFailure failure) => failure switch
    {
        BootstrapFailure.Expired => "This set-up link has expired (links are valid for 5 minutes). Ask for a new one.",
        BootstrapFailure.Used => "This set-up link has already been used. Sign in, or ask for a new link.",
        BootstrapFailure.WrongTenant => "This set-up link belongs to another tenant.",
        BootstrapFailure.TenantInactive => "This tenant is not active.",
        BootstrapFailure.Unavailable => "The set-up service cannot be reached right now. Try again in a minute.",
        _ => "This set-up link is not valid.",
    };

    private const string AlreadySetUp = "This tenant already has an owner. Sign in instead.";

    private static async Task<ContentHttpResult> Form(HttpContext http, BootstrapService bootstrap, string? token) =>
        await bootstrap.OwnerExistsAsync(http.RequestAborted)
            ? Html.Page("Set up Failkit", Html.Error(AlreadySetUp) + Html.Link("/login", "Sign in"), StatusCodes.Status409Conflict)
            : Page(http, token, null, new Errors(), StatusCodes.Status200OK);

    /// <summary>The form; a field's error sits under that field, a problem with the link itself above the form.</summary>
    private static ContentHttpResult Page(HttpContext http, string? token, string? email, Errors errors, int status) =>
        Html.Page("Set up Failkit", Html.Info("Create the owner account of this tenant.") + Html.Error(errors.Link) + Html.Form(http, "/bootstrap", "Create owner",
            Html.Hidden("token", token),
            Html.Field("email", "Email", "email", email, "username", errors.Email),
            Html.Field("password", "Password (at least 12 characters)", "password", null, "new-password", errors.Password)), status);

    private sealed record Errors(string? Link = null, string? Email = null, string? Password = null);

    private static async Task<Results<ContentHttpResult, RedirectHttpResult, ProblemHttpResult>> Redeem(
        HttpContext http, BootstrapService bootstrap, IOptions<IdentityOptions> options)
    {
        var read = await Forms.ReadAsync(http);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var (token, email, password) = (read.Get("token"), read.Get("email"), read.Raw("password"));
        var invalid = new Errors(string.IsNullOrEmpty(token) ? "The set-up link has no token." : null,
            Validation.EmailError(email), Validation.PasswordError(password, options.Value.MinimumPasswordLength));
        if (invalid != new Errors())
        {
            return Page(http, token, email, invalid, StatusCodes.Status400BadRequest);
        }

        var outcome = await bootstrap.RedeemAsync(token, email, password, http.RequestAborted);
        if (outcome.AlreadySetUp)
        {
            return Html.Page("Set up Failkit", Html.Error(AlreadySetUp) + Html.Link("/login", "Sign in"), StatusCodes.Status409Conflict);
        }

        if (outcome.Failure is { } failure)
        {
            var status = failure == BootstrapFailure.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
            return Page(http, token, email, new Errors(Message(failure)), status);
        }

        await http.SignInAsync(CookieSessions.Scheme, Principals.ForUser(outcome.Owner!, CookieSessions.Scheme));
        return TypedResults.Redirect("/");
    }
}
