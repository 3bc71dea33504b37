using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>Per-activity retries, read from <c>customProperties.retryPolicy</c>:
/// <c>{"maxAttempts": 3, "initialDelayMs": 200, "backoffFactor": 2}</c>.</summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, double BackoffFactor)
{
    public static readonly RetryPolicy None = new(1, TimeSpan.Zero, 1);

    /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 is the first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt) =>
        TimeSpan.FromMilliseconds(InitialDelay.TotalMilliseconds * Math.Pow(BackoffFactor, Math.Max(0, nextAttempt - 2)));

    public static RetryPolicy From(JsonObject? customProperties)
    {
        if (customProperties?["retryPolicy"] is not JsonObject p)
        {
            return None;
        }

        var attempts = p["maxAttempts"]?.GetValue<int>() ?? 1;
        var delay = p["initialDelayMs"]?.GetValue<double>() ?? 0;
        var factor = p["backoffFactor"]?.GetValue<double>() ?? 2;
        return new RetryPolicy(Math.Max(1, attempts), TimeSpan.FromMilliseconds(Math.Max(0, delay)), Math.Max(1, factor));
    }
}
