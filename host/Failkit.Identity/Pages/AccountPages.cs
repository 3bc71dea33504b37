using Failkit.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Pages;

/// <summary><c>/account/forgot</c> and <c>/account/reset</c>.</summary>
public static class AccountPages
{
    public const string ResetSentMessage = "If an account exists for that email, a reset link is on its way.";
    public const string ResetFailedMessage = "This reset link is invalid, expired or already used. Ask for a new one.";

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/forgot", ForgotForm).WithName("ForgotPasswordPage");
        account.MapPost("/forgot", Forgot).WithName("ForgotPassword");
        account.MapGet("/reset", ResetForm).WithName("ResetPasswordPage");
        account.MapPost("/reset", Reset).WithName("ResetPassword");
        return app;
    }

    private static ContentHttpResult ForgotForm(HttpContext http) =>
        Html.Page("Forgot your password?", Html.Form(http, "/account/forgot", "Send reset link", Html.Field("email", "Email", "email", null, "username"))
            + Html.Link("/login", "Back to sign-in"));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Forgot(HttpContext http, PasswordResets resets, IOptions<IdentityOptions> options)
    {
        var read = await Forms.ReadAsync(http);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var email = read.Get("email");
        if (Validation.EmailError(email) is { } error)
        {
            return Html.Page("Forgot your password?", Html.Form(http, "/account/forgot", "Send reset link", Html.Field("email", "Email", "email", email, "username", error))
                + Html.Link("/login", "Back to sign-in"), StatusCodes.Status400BadRequest);
        }

        await resets.RequestAsync(email, BaseUrl(http, options.Value), http.RequestAborted);
        return Html.Page("Check your mail", Html.Info(ResetSentMessage) + Html.Link("/login", "Back to sign-in"));
    }

    private static ContentHttpResult ResetForm(HttpContext http, string? token) => ResetPage(http, token, null, StatusCodes.Status200OK);

    private static ContentHttpResult ResetPage(HttpContext http, string? token, string? error, int status) =>
        Html.Page("Choose a new password", Html.Form(http, "/account/reset", "Set password",
            Html.Hidden("token", token), Html.Field("password", "New password (at least 12 characters)", "password", null, "new-password", error)), status);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Reset(HttpContext http, PasswordResets resets, IOptions<IdentityOptions> options)
    {
        var read = await Forms.ReadAsync(http);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var (token, password) = (read.Get("token"), read.Raw("password"));
        if (Validation.PasswordError(password, options.Value.MinimumPasswordLength) is { } error)
        {
            return ResetPage(http, token, error, StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(token) || !await resets.ResetAsync(token, password, http.RequestAborted))
        {
            return Html.Page("Choose a new password", Html.Error(ResetFailedMessage) + Html.Link("/account/forgot", "Ask for a new link"), StatusCodes.Status400BadRequest);
        }

        return Html.Page("Password changed", Html.Info("Your password has been changed.") + Html.Link("/login", "Sign in"));
    }

    /// <summary>The configured public URL; the request's own address only for a bare host without one.</summary>
    public static Uri BaseUrl(HttpContext http, IdentityOptions options) =>
        options.PublicUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}");
}
