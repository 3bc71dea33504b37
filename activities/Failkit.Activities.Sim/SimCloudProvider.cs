using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim;

/// <summary>The simulated cloud: the embedded default, the demo's and the benchmark's cloud. Needs no secret.</summary>
public sealed class SimCloudProvider(TimeProvider time) : ICloudProvider
{
    public CloudKind Kind => CloudKind.Sim;

    public void Validate(CloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Kind != CloudKind.Sim)
        {
            throw new CloudConfigurationException($"Account '{account.Name}' field 'kind' is {account.Kind}; the Sim provider needs Sim.");
        }

        SimSettings.Parse(account.Settings);
    }

    public ICloudSession Open(CloudAccount account)
    {
        Validate(account);
        var settings = SimSettings.Parse(account.Settings);
        var cloud = SimCloud.Open(account.Id, settings, time);
        return new SimSession(cloud, CloudCalls.For(account.Id, settings.MaxConcurrency, cloud.Time), account);
    }
}
