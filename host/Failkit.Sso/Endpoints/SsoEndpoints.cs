using Failkit.Sso.Oidc;
using Failkit.Sso.Saml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Sso;

/// <summary>The SSO routes. Both builders return their group so the host can attach policies: the login group
/// stays anonymous, the settings group gets the owner/admin policy.</summary>
public static partial class SsoEndpoints
{
    public static RouteGroupBuilder MapSsoLoginEndpoints(this IEndpointRouteBuilder app)
    {
        var sso = app.MapGroup("/sso").WithTags("SSO").AddEndpointFilter<TierFilter>();
        sso.MapGet("/oidc/start", OidcStartAsync).WithName("SsoOidcStart");
        sso.MapGet("/oidc/callback", OidcCallbackAsync).WithName("SsoOidcCallback");
        sso.MapGet("/saml/start", SamlStartAsync).WithName("SsoSamlStart");
        // The IdP's cross-site POST cannot carry an antiforgery token; the signature and the single-use
        // InResponseTo are what tie the response to a login we started.
        sso.MapPost("/saml/acs", SamlAcsAsync).WithName("SsoSamlAcs").DisableAntiforgery();
        sso.MapGet("/saml/metadata", SamlMetadataAsync).WithName("SsoSamlMetadata");
        return sso;
    }

    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> OidcStartAsync(
        HttpContext context, string? returnUrl, OidcLogin oidc, CancellationToken ct)
    {
        try
        {
            return TypedResults.Redirect(await oidc.StartAsync(context, SafeReturnUrl(returnUrl), ct));
        }
        catch (SsoException ex)
        {
            return ex.ToProblem();
        }
    }

    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> OidcCallbackAsync(
        HttpContext context, OidcLogin oidc, ISsoSignIn signIn, CancellationToken ct)
    {
        try
        {
            var (identity, returnUrl) = await oidc.CompleteAsync(context, ct);
            await signIn.SignInAsync(context, identity, returnUrl);
            return TypedResults.Redirect(returnUrl);
        }
        catch (SsoException ex)
        {
            return ex.ToProblem();
        }
    }

    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SamlStartAsync(string? returnUrl, SamlLogin saml, CancellationToken ct)
    {
        try
        {
            return TypedResults.Redirect(await saml.StartAsync(SafeReturnUrl(returnUrl), ct));
        }
        catch (SsoException ex)
        {
            return ex.ToProblem();
        }
    }

    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SamlAcsAsync(
        HttpContext context, SamlLogin saml, ISsoSignIn signIn, CancellationToken ct)
    {
        try
        {
            if (!context.Request.HasFormContentType)
            {
                throw new SsoException("Malformed", "the ACS takes an HTML form post (HTTP-POST binding)", StatusCodes.Status415UnsupportedMediaType);
            }

            if (context.Request.ContentLength > 2 * SamlResponseReader.MaxEncodedLength)
            {
                throw new SsoException("Malformed", "the posted form is too large", StatusCodes.Status413PayloadTooLarge);
            }

            var form = await context.Request.ReadFormAsync(ct);
            var (identity, returnUrl) = await saml.CompleteAsync(form["SAMLResponse"].ToString(), ct);
            await signIn.SignInAsync(context, identity, returnUrl);
            return TypedResults.Redirect(returnUrl);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new SsoException("Malformed", "the posted form could not be read").ToProblem();
        }
        catch (SsoException ex)
        {
            return ex.ToProblem();
        }
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> SamlMetadataAsync(SamlLogin saml, CancellationToken ct)
    {
        try
        {
            return TypedResults.Text(await saml.MetadataAsync(ct), "application/samlmetadata+xml");
        }
        catch (SsoException ex)
        {
            return ex.ToProblem();
        }
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative URL would make the login an open
    /// redirect.</summary>
    private static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return "/";
        }

        return returnUrl.Length <= 2048 && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : throw new SsoException("BadReturnUrl", "returnUrl must be a path on this site, such as /drills");
    }
}
