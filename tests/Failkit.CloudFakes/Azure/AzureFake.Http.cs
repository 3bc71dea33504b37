using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private async Task HandleAsync(HttpContext ctx)
    {
        var host = ctx.Request.Host.Host;
        ctx.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        if (host.Equals(LoginHost, StringComparison.OrdinalIgnoreCase))
        {
            await HandleLoginAsync(ctx);
        }
        else if (host.EndsWith(".blob.fake.test", StringComparison.OrdinalIgnoreCase))
        {
            await HandleBlobAsync(ctx, host[..host.IndexOf('.', StringComparison.Ordinal)]);
        }
        else if (host.Equals(ArmHost, StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.Headers["x-ms-correlation-request-id"] = Guid.NewGuid().ToString();
            if (!Authorized(ctx))
            {
                await ArmErrorAsync(ctx, 401, "InvalidAuthenticationToken", "The access token is missing or was not issued by this tenant.");
                return;
            }

            if (string.IsNullOrEmpty(ctx.Request.Query["api-version"]))
            {
                await ArmErrorAsync(ctx, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
                return;
            }

            await HandleArmAsync(ctx);
        }
        else
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync($"The Azure fake does not serve host {host}.");
        }
    }

    private bool Authorized(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        lock (_gate)
        {
            return _issuedTokens.Contains(header["Bearer ".Length..]);
        }
    }

    /// <summary>Counts the call and applies injected throttling; false when the call was answered with 429.</summary>
    private async Task<bool> EnterAsync(HttpContext ctx, string operation, bool storage = false)
    {
        _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);
        _lastRequestIds[operation] = ctx.Response.Headers["x-ms-request-id"].ToString();
        var left = _throttle.AddOrUpdate(operation, -1, (_, n) => n - 1);
        if (left < 0)
        {
            _throttle[operation] = 0;
            return true;
        }

        if (_throttleRetryAfter.GetValueOrDefault(operation) is { } after)
        {
            ctx.Response.Headers.RetryAfter = Math.Ceiling(after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (storage)
        {
            await StorageErrorAsync(ctx, 503, "ServerBusy", "The server is busy.");
        }
        else
        {
            await ArmErrorAsync(ctx, 429, "TooManyRequests", $"The request is being throttled as the limit has been reached for operation type - {operation}.");
        }

        return false;
    }

    /// <summary>True when the response of this call must be lost: the work is done, the connection is cut.</summary>
    private bool DropResponse(HttpContext ctx, string operation)
    {
        var left = _drop.AddOrUpdate(operation, -1, (_, n) => n - 1);
        if (left < 0)
        {
            _drop[operation] = 0;
            return false;
        }

        ctx.Abort();
        return true;
    }

    private static async Task JsonAsync(HttpContext ctx, int status, JsonNode? body)
    {
        ctx.Response.StatusCode = status;
        if (body is null)
        {
            return;
        }

        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(body.ToJsonString());
    }

    private static Task ArmErrorAsync(HttpContext ctx, int status, string code, string message) =>
        JsonAsync(ctx, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static async Task<JsonObject?> ReadJsonAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
    }
}
