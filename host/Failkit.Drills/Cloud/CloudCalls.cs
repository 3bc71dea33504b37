using System.Collections.Concurrent;

namespace Failkit.Drills.Cloud;

/// <summary>Marks a throttled call: the provider maps its cloud's signal (EC2 <c>RequestLimitExceeded</c>, HTTP 429,
/// GCE <c>rateLimitExceeded</c>) to this, with the server's <c>Retry-After</c> when it sent one.</summary>
public sealed class CloudThrottledException(string message, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Runs cloud calls under the account's concurrency cap, retrying throttling with capped exponential backoff
/// and full jitter (or the server's <c>Retry-After</c>). One instance per account, shared by all its sessions.</summary>
public sealed class CloudCalls : IDisposable
{
    private static readonly ConcurrentDictionary<Guid, CloudCalls> PerAccount = new();

    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;

    public CloudCalls(int maxConcurrency, TimeProvider time, int maxAttempts = 8, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _time = time;
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(200);
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(20);
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>How many calls were retried because the cloud throttled them (for the drill result).</summary>
    public int ThrottledRetries => _throttled;

    private int _throttled;

    /// <summary>The shared instance of an account; the first caller's settings win.</summary>
    public static CloudCalls For(Guid accountId, int maxConcurrency, TimeProvider time) =>
        PerAccount.GetOrAdd(accountId, _ => new CloudCalls(maxConcurrency, time));

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            await _slots.WaitAsync(ct);
            try
            {
                return await call(ct);
            }
            catch (CloudThrottledException ex) when (attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _throttled);
                wait = ex.RetryAfter ?? Backoff(attempt);
            }
            finally
            {
                _slots.Release();
            }

            // The slot is released while waiting, so a throttled call does not hold back the others.
            await Task.Delay(wait, _time, ct);
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct) =>
        RunAsync(async c => { await call(c); return true; }, ct);

    public void Dispose() => _slots.Dispose();

    private TimeSpan Backoff(int attempt)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }
}
