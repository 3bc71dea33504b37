using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Serialization;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Workflows.Api.Http;

/// <summary>Wraps every endpoint of the API: applies the body size limit and turns exceptions into RFC 7807
/// problem details. Bad input is never a 500, and a 500 never carries a stack trace.</summary>
public static class ApiErrors
{
    public static void Wrap(EndpointBuilder endpoint)
    {
        if (endpoint.RequestDelegate is not { } next)
        {
            return;
        }

        endpoint.RequestDelegate = async context =>
        {
            ApplyBodyLimit(context);
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                await ToResult(ex, context).ExecuteAsync(context);
            }
        };
    }

    public static IResult ToResult(Exception exception, HttpContext context) => exception switch
    {
        WorkflowValidationException v => TypedResults.ValidationProblem(
            ErrorsByField(v.Errors), detail: string.Join("; ", v.Errors), title: "The workflow definition is invalid."),
        DefinitionNotFoundException or InstanceNotFoundException or BookmarkNotFoundException => Problems.NotFound(exception.Message),
        VersioningException or FormatException => Problems.BadRequest(exception.Message),
        ApiRequestException a => TypedResults.Problem(
            a.Message, statusCode: a.StatusCode, title: a.Title, extensions: a.Path is null ? null : new Dictionary<string, object?> { ["path"] = a.Path }),
        BadHttpRequestException { InnerException: JsonException json } => ToResult(ApiRequestException.MalformedJson(json), context),
        BadHttpRequestException b => TypedResults.Problem(b.Message, statusCode: b.StatusCode, title: "Bad request."),
        _ => Unexpected(exception, context),
    };

    /// <summary>Keys are <c>activityId.field</c> so the Studio's snackbar and API clients can point at the input.</summary>
    public static Dictionary<string, string[]> ErrorsByField(IEnumerable<ValidationError> errors) =>
        errors.GroupBy(e => string.IsNullOrEmpty(e.ActivityId) ? e.Field : $"{e.ActivityId}.{e.Field}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray(), StringComparer.Ordinal);

    private static ProblemHttpResult Unexpected(Exception exception, HttpContext context)
    {
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ApiErrors))
            .LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        return TypedResults.Problem(
            "The server failed to process the request. The error has been logged.",
            statusCode: StatusCodes.Status500InternalServerError,
            title: "An unexpected error occurred.");
    }

    private static void ApplyBodyLimit(HttpContext context)
    {
        // Kestrel then refuses chunked bodies over the limit while they stream in, not only declared lengths.
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = context.RequestServices.GetRequiredService<ElsaApiOptions>().MaxRequestBodySize;
        }
    }
}
