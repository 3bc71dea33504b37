using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Failkit.Workflows.Api.Http;

/// <summary>A JSON request body read by the API itself rather than by the framework binder, so that a malformed
/// body becomes a 400 naming the JSON path and an oversized one a 413, whatever server hosts the API.
/// An empty body gives a null <see cref="Value"/>.</summary>
public sealed class Body<T>
    where T : class
{
    private Body(T? value) => Value = value;

    public T? Value { get; }

    public static async ValueTask<Body<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var limit = context.RequestServices.GetRequiredService<ElsaApiOptions>().MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            throw ApiRequestException.TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw ApiRequestException.TooLarge(limit);
            }
        }

        if (buffer.Length == 0)
        {
            return new Body<T>(null);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return new Body<T>(JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options));
        }
        catch (JsonException ex)
        {
            throw ApiRequestException.MalformedJson(ex);
        }
    }
}
