using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Pages;

/// <summary>Reads a posted form after checking its antiforgery token. Forms are bound here rather than by the
/// framework so the token is always checked first and an oversized body is a 413 problem.</summary>
internal static class Forms
{
    public static async Task<FormRead> ReadAsync(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.MaxRequestBodySize;
        if (http.Request.ContentLength > limit)
        {
            return new FormRead(null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.", detail: $"At most {limit} bytes."));
        }

        if (!http.Request.HasFormContentType)
        {
            return new FormRead(null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "A form post is expected."));
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return new FormRead(await http.Request.ReadFormAsync(http.RequestAborted), null);
        }
        catch (AntiforgeryValidationException)
        {
            return new FormRead(null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired or did not come from this site.", detail: "Reload the page and try again."));
        }
        catch (BadHttpRequestException ex)
        {
            return new FormRead(null, TypedResults.Problem(statusCode: ex.StatusCode, title: "The form could not be read."));
        }
        catch (InvalidDataException)
        {
            return new FormRead(null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large."));
        }
    }
}

internal sealed record FormRead(IFormCollection? Form, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Error)
{
    public string Get(string name) => Form?[name].ToString().Trim() ?? "";

    public string Raw(string name) => Form?[name].ToString() ?? "";
}
