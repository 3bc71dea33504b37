using Failkit.Drills.Cloud;

namespace Failkit.Drills;

/// <param name="Ok">The cloud answered the read call with the account's credentials.</param>
/// <param name="Message">What to tell the user: the cloud's answer, or why it failed.</param>
public sealed record ConnectionTestResult(bool Ok, string Message, double ElapsedSeconds);

/// <summary>"Test connection": opens a session on the account and makes one harmless read through its provider, the
/// sweep's listing by drill tag with a tag value no drill ever carries. It changes nothing, yet it needs the same
/// credentials, endpoints and permissions a drill's cleanup needs, on every provider (Sim included).</summary>
public sealed class CloudConnectionTest(CloudAccountStore store, CloudProviders providers, TimeProvider time)
{
    /// <summary>The drill tag value of the read; drills tag with a GUID in "n" format, which this can never be.</summary>
    public const string ProbeTagValue = "failkit-connection-test";

    /// <summary>A cloud that does not answer within this is reported as failing, not waited for.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <returns>Null when the account does not exist.</returns>
    public async Task<ConnectionTestResult?> RunAsync(Guid accountId, CancellationToken ct)
    {
        if (await store.OpenAsync(accountId, ct) is not { } account)
        {
            return null;
        }

        var started = time.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        try
        {
            await using var session = providers.For(account.Kind).Open(account);
            var found = await session.SweepAsync(ProbeTagValue, limit.Token);
            var what = session.Simulated ? "The simulated cloud" : $"{account.Kind} ({account.Region})";
            return new ConnectionTestResult(true, $"{what} answered a read call with this account's credentials ({found.Count} resources listed).",
                Elapsed(started));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ConnectionTestResult(false, $"The cloud did not answer within {Timeout.TotalSeconds:0} s.", Elapsed(started));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Any failure is the answer the user asked for (credentials, endpoint, permission); it is said, not thrown.
            return new ConnectionTestResult(false, Describe(ex), Elapsed(started));
        }
    }

    private static string Describe(Exception ex)
    {
        var message = ex switch
        {
            CloudConfigurationException => "The account's settings are not usable: " + ex.Message,
            CloudOperationException { ErrorCode: { } code } => $"The cloud refused the call ({code}): {ex.Message}",
            _ => ex.Message,
        };
        var inner = ex.InnerException is { } cause && !message.Contains(cause.Message, StringComparison.Ordinal) ? $" ({cause.Message})" : "";
        return message + inner;
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalSeconds;
}
