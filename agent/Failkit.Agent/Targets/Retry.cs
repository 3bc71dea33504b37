namespace Failkit.Agent.Targets;

/// <summary>Exponential backoff with full jitter for object-store calls.</summary>
public static class Retry
{
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, int retries, string what, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await action(ct);
            }
            catch (Exception ex) when (attempt < retries && ex is not AgentException && !ct.IsCancellationRequested)
            {
                // Jitter spreads retries of parallel workers so they do not hit a throttled endpoint together.
                var cap = TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, attempt)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap.TotalMilliseconds), ct);
            }
            catch (Exception ex) when (ex is not AgentException && !(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                throw new AgentException($"{what} failed after {attempt + 1} attempts: {ex.Message}", ex);
            }
        }
    }

    public static Task RunAsync(Func<CancellationToken, Task> action, int retries, string what, CancellationToken ct) =>
        RunAsync(async c =>
        {
            await action(c);
            return true;
        }, retries, what, ct);
}
