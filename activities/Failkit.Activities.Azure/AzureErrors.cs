using System.Globalization;
using Azure;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

/// <summary>Turns Azure's failures into the drill's: 429 (and storage's 503 ServerBusy) become throttling with the
/// server's delay; anything else keeps the cloud's error code and request id for the report.</summary>
internal static class AzureErrors
{
    public static Exception Map(string what, RequestFailedException ex, TimeProvider time)
    {
        var raw = ex.GetRawResponse();
        var requestId = raw?.Headers.RequestId;
        if (ex.Status == 429 || (ex.Status == 503 && ex.ErrorCode is "ServerBusy" or "OperationTimedOut"))
        {
            return new CloudThrottledException($"Azure throttled the call to {what} ({ex.ErrorCode ?? ex.Status.ToString(CultureInfo.InvariantCulture)}).", RetryAfter(raw, time), ex);
        }

        var code = ex.ErrorCode ?? (ex.Status == 0 ? "NoResponse" : $"HTTP{ex.Status}");
        var message = ex.Message.Split('\n', 2)[0].Trim();
        return new CloudOperationException($"Azure refused to {what}: {code}: {message}", code, requestId, ex);
    }

    /// <summary>The headers Azure.Core itself honours, in its order: milliseconds first, then seconds or a date.</summary>
    private static TimeSpan? RetryAfter(Response? raw, TimeProvider time)
    {
        if (raw is null)
        {
            return null;
        }

        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (raw.Headers.TryGetValue(name, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return TimeSpan.FromMilliseconds(value);
            }
        }

        if (!raw.Headers.TryGetValue("Retry-After", out var header))
        {
            return null;
        }

        if (int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}
