using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Http;

/// <summary>RFC 7807 answers of the identity routes.</summary>
public static class Problems
{
    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem($"The request body may be at most {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Wraps every identity endpoint: caps the body size at the server (chunked bodies too) and turns any
    /// exception into a problem without a stack trace.</summary>
    public static void Wrap(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.RequestDelegate is not { } next)
        {
            return;
        }

        endpoint.RequestDelegate = async context =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.MaxRequestBodySize;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                await TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: "Bad request.").ExecuteAsync(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Problems))
                    .LogError(ex, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                await TypedResults.Problem("The server failed to process the request. The error has been logged.",
                    statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred.").ExecuteAsync(context);
            }
        };
    }
}
