using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

/// <summary>Boots drill replicas in a customer's Azure subscription: page blob → managed disk → NIC + VM, each
/// created by PUT with a deterministic name so a retried step finds what the first attempt made.</summary>
public sealed class AzureCloudProvider : ICloudProvider
{
    private readonly TimeProvider _time;
    private readonly AzureClientPlumbing _plumbing;

    public AzureCloudProvider(TimeProvider time)
        : this(time, AzureClientPlumbing.Default)
    {
    }

    internal AzureCloudProvider(TimeProvider time, AzureClientPlumbing plumbing)
    {
        _time = time;
        _plumbing = plumbing;
    }

    public CloudKind Kind => CloudKind.Azure;

    public void Validate(CloudAccount account) => AzureSettings.Read(account);

    public ICloudSession Open(CloudAccount account)
    {
        var settings = AzureSettings.Read(account);
        var calls = _plumbing.Calls?.Invoke(account, settings.MaxConcurrency) ?? CloudCalls.For(account.Id, settings.MaxConcurrency, _time);
        return new AzureSession(account, settings, calls, _plumbing, _time);
    }
}
