using Failkit.OperatorConsole.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Failkit.OperatorConsole;

/// <summary>The operator console at <c>/console</c> on the management plane: Razor components with MudBlazor, rendered on
/// the server, one interactive circuit per tab, like the tenant portal (docs/decisions/console.md).</summary>
public static class ConsoleEndpoints
{
    public static IServiceCollection AddFailkitConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddConsoleAuthentication();
        services.AddScoped<ConsoleOperator>();
        services.AddScoped<ConsoleActions>();
        return services;
    }

    /// <summary>Maps the pages behind the console cookie; an anonymous visitor is sent to the sign-in form. Needs
    /// <c>UseAntiforgery</c> after authorization.</summary>
    public static WebApplication MapFailkitConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/favicon.ico", () => TypedResults.NoContent()).AllowAnonymous().ExcludeFromDescription();
        // A form post with the antiforgery field, from the layout: a link could be fired by another site.
        app.MapPost(ConsoleAuthentication.SignOutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(ConsoleAuthentication.Scheme);
            return TypedResults.LocalRedirect(ConsoleAuthentication.SignInPath);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(ConsoleAuthentication.Policy);
        return app;
    }
}
