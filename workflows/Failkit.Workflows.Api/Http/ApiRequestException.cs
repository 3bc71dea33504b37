using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Failkit.Workflows.Api.Http;

/// <summary>A request the API refuses before any work is done; becomes a problem-details response.</summary>
public sealed class ApiRequestException(int statusCode, string title, string detail, string? path = null) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    /// <summary>Where in the request the problem is: a JSON path such as <c>$.model.root</c>, or a query key.</summary>
    public string? Path { get; } = path;

    public static ApiRequestException BadRequest(string detail, string? path = null) =>
        new(StatusCodes.Status400BadRequest, "Bad request.", detail, path);

    public static ApiRequestException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "Forbidden.", detail);

    public static ApiRequestException MalformedJson(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        return new(StatusCodes.Status400BadRequest, "The request body is not valid JSON.", $"Invalid JSON at '{path}': {ex.Message}", path);
    }

    public static ApiRequestException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"The request body exceeds the limit of {limit} bytes.");
}
