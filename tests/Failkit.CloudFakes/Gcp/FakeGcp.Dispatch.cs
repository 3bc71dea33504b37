using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Failkit.CloudFakes.Gcp;

public sealed partial class FakeGcp
{
    private async Task HandleAsync(HttpContext ctx)
    {
        // The raw target keeps %2F inside object names, which the decoded path would turn into '/'.
        var raw = ctx.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var segments = raw.Split('?')[0].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (ctx.Request.Method == "POST" && segments is ["token"])
        {
            await TokenAsync(ctx);
            return;
        }

        var (method, handler) = Route(ctx.Request.Method, segments, ctx.Request.Query);
        if (method is null)
        {
            await WriteAsync(ctx, Error(404, "notFound", $"fake GCP does not serve {ctx.Request.Method} {raw}"));
            return;
        }

        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (!ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await WriteAsync(ctx, Error(401, "required", "Request is missing required authentication credential. Expected OAuth 2 access token.", "UNAUTHENTICATED"));
            return;
        }

        if (Injected(method) is { } fault)
        {
            await WriteAsync(ctx, fault);
            return;
        }

        var body = await ReadBodyAsync(ctx, method);
        FakeReply reply;
        lock (_gate)
        {
            reply = handler!(body);
        }

        bool drop;
        lock (_gate)
        {
            drop = _dropNext.Remove(method);
        }

        if (drop)
        {
            // The work is done and recorded; the caller never hears back, as when a process dies mid-call.
            ctx.Abort();
            return;
        }

        await WriteAsync(ctx, reply);
    }

    private FakeReply? Injected(string method)
    {
        lock (_gate)
        {
            if (_throttle.TryGetValue(method, out var left) && left > 0)
            {
                _throttle[method] = left - 1;
                var (forbidden, retryAfter) = _throttleShape[method];
                var reply = forbidden
                    ? Error(403, "rateLimitExceeded", $"Rate Limit Exceeded for {method}", "PERMISSION_DENIED")
                    : Error(429, "rateLimitExceeded", $"Quota exceeded for quota metric 'Queries' of service 'compute.googleapis.com' ({method}).", "RESOURCE_EXHAUSTED");
                return reply with { RetryAfterSeconds = retryAfter };
            }

            return _failNext.Remove(method, out var fail) ? Error(fail.Status, fail.Reason, fail.Message, requestId: fail.RequestId) : null;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx, string method)
    {
        Stream source = ctx.Request.Headers.ContentEncoding == "gzip"
            ? new System.IO.Compression.GZipStream(ctx.Request.Body, System.IO.Compression.CompressionMode.Decompress)
            : ctx.Request.Body;
        using var buffer = new MemoryStream();
        // A client that dies mid-body makes this read throw, so a torn upload is never stored.
        await source.CopyToAsync(buffer);
        return method == "objects.insert" || buffer.Length > 0 ? buffer.ToArray() : [];
    }

    private static async Task WriteAsync(HttpContext ctx, FakeReply reply)
    {
        ctx.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } seconds)
        {
            ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (reply.Body is not null)
        {
            ctx.Response.ContentType = "application/json; charset=UTF-8";
            await ctx.Response.WriteAsync(reply.Body.ToJsonString());
        }
    }

    private async Task TokenAsync(HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form["assertion"].ToString().Split('.').Length != 3)
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsJsonAsync(new { error = "invalid_grant", error_description = "Invalid JWT Signature." });
            return;
        }

        var n = Interlocked.Increment(ref _tokens);
        await ctx.Response.WriteAsJsonAsync(new { access_token = $"ya29.fake-{n}", expires_in = 3599, token_type = "Bearer" });
    }

    /// <summary>Google's JSON error envelope, with the request id in a <c>google.rpc.RequestInfo</c> detail.</summary>
    public static FakeReply Error(int status, string reason, string message, string? rpcStatus = null, string? requestId = null) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = status,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = reason.Contains("RateLimit", StringComparison.OrdinalIgnoreCase) ? "usageLimits" : "global", ["reason"] = reason }),
            ["status"] = rpcStatus ?? status switch
            {
                400 => "INVALID_ARGUMENT",
                401 => "UNAUTHENTICATED",
                403 => "PERMISSION_DENIED",
                404 => "NOT_FOUND",
                409 => "ALREADY_EXISTS",
                429 => "RESOURCE_EXHAUSTED",
                _ => "INTERNAL",
            },
            ["details"] = new JsonArray(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.RequestInfo",
                ["requestId"] = requestId ?? Guid.NewGuid().ToString("N")[..16],
            }),
        },
    });

    private static FakeReply NotFound(string what) => Error(404, "notFound", $"The resource '{what}' was not found");
}
