using System.Collections.Concurrent;
using Failkit.Activities.Aws;
using Failkit.Drills.Cloud;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>The real <see cref="AwsCloudProvider"/>, its sessions opened with test timings: production polls EBS and
/// terminations every 5 s, which would make each drill take minutes against a fake that answers at once.</summary>
internal sealed class FastAwsCloud(AwsCloudProvider inner) : ICloudProvider, IDisposable
{
    private static readonly AwsSessionOptions Options = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        SnapshotTimeout = TimeSpan.FromSeconds(10),
        TerminationTimeout = TimeSpan.FromSeconds(10),
        ScriptTimeout = TimeSpan.FromSeconds(5),
    };

    private readonly ConcurrentDictionary<Guid, CloudCalls> _calls = new();

    public CloudKind Kind => inner.Kind;

    public void Validate(CloudAccount account) => inner.Validate(account);

    public ICloudSession Open(CloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return inner.Open(account, CallsOf(account.Id), Options);
    }

    public CloudCalls CallsOf(Guid accountId) => _calls.GetOrAdd(accountId, _ => ProviderSwap.FastCalls());

    public void Dispose()
    {
        inner.Dispose();
        foreach (var calls in _calls.Values)
        {
            calls.Dispose();
        }
    }
}
