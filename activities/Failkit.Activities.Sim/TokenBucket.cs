namespace Failkit.Activities.Sim;

/// <summary>A token bucket on real (scaled) time whose Retry-After is a reservation: a throttled caller is told exactly
/// when its turn comes and that turn is kept for it (keyed by the call's identity), so the bucket behaves as a fair
/// queue. Without it, fifty callers told "retry in 0.5 s" would collide again and again and exhaust their attempts,
/// and the benchmark would measure the herd instead of the rate.</summary>
internal sealed class TokenBucket(RateLimit limit, double timeScale, DateTimeOffset now)
{
    // A timer may fire a hair before the clock reads the due time.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(2);

    private readonly double _perRealSecond = limit.PerSecond / timeScale;
    private readonly Dictionary<string, DateTimeOffset> _reservations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private double _tokens = limit.Burst;
    private DateTimeOffset _last = now;

    public RateLimit Limit { get; } = limit;

    /// <summary>Null when the call may proceed; otherwise how long (real time) until it may.</summary>
    public TimeSpan? TryTake(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_reservations.TryGetValue(key, out var due))
            {
                if (now + Tolerance >= due)
                {
                    _reservations.Remove(key);
                    return null;
                }

                return due - now;
            }

            if (now > _last)
            {
                _tokens = Math.Min(Limit.Burst, _tokens + ((now - _last).TotalSeconds * _perRealSecond));
                _last = now;
            }

            if (_tokens >= 1)
            {
                _tokens -= 1;
                return null;
            }

            // Going into debt promises this caller the token that arrives once the debt is paid back.
            _tokens -= 1;
            var wait = TimeSpan.FromSeconds(-_tokens / _perRealSecond);
            _reservations[key] = now + wait;
            return wait;
        }
    }
}
