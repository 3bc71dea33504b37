using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Http;

/// <summary>A JSON body read by the identity API itself, so that an oversized body is a 413 problem and a malformed
/// one a 400 problem whatever server hosts the plane (the framework binder answers those with an empty status).</summary>
public sealed class JsonBody<T>
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private JsonBody(T? value, IResult? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>The problem to answer instead of running the handler, or null.</summary>
    public IResult? Error { get; }

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            return new JsonBody<T>(null, Problems.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return new JsonBody<T>(null, Problems.TooLarge(limit));
            }
        }

        try
        {
            var value = buffer.Length == 0 ? null : JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
            return value is null
                ? new JsonBody<T>(null, Problems.BadRequest("A JSON body is required."))
                : new JsonBody<T>(value, null);
        }
        catch (JsonException ex)
        {
            return new JsonBody<T>(null, Problems.BadRequest($"The body is not valid JSON at {ex.Path ?? "$"}."));
        }
    }
}
