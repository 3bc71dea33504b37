namespace Failkit.Agent.Targets;

/// <summary>
/// A shared pacing clock for all upload workers: each upload reserves its bytes on the clock and
/// waits until its slot, so the average rate stays under the cap whatever the concurrency.
/// </summary>
public sealed class BandwidthLimiter(double bytesPerSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public static BandwidthLimiter? FromMegabitsPerSecond(double? mbps, TimeProvider time) =>
        mbps is > 0 ? new BandwidthLimiter(mbps.Value * 1_000_000 / 8, time) : null;

    public Task WaitAsync(int bytes, CancellationToken ct)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var start = _next > now ? _next : now;
            _next = start + TimeSpan.FromSeconds(bytes / bytesPerSecond);
            delay = start - now;
        }

        return delay > TimeSpan.Zero ? Task.Delay(delay, time, ct) : Task.CompletedTask;
    }
}
