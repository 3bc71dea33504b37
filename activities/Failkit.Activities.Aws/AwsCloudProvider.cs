using Amazon.Runtime;
using Failkit.Activities.Drills.Cloud;

namespace Failkit.Activities.Aws;

/// <summary>Drills in the customer's AWS account: Failkit assumes the account's role (with its external id) and
/// boots replicas from EBS snapshots it writes with the EBS direct APIs.</summary>
/// <param name="platformCredentials">Failkit's own AWS identity, used only to call STS AssumeRole; null means the
/// SDK's default chain (environment, profile, instance or pod role).</param>
public sealed class AwsCloudProvider(TimeProvider time, AwsPlatformCredentials? platformCredentials = null) : ICloudProvider
{
    public CloudKind Kind => CloudKind.Aws;

    public void Validate(CloudAccount account) => AwsAccountSettings.From(account);

    public ICloudSession Open(CloudAccount account)
    {
        var settings = AwsAccountSettings.From(account);
        return new AwsSession(account, settings, CloudCalls.For(account.Id, settings.MaxConcurrency, time), time,
            platformCredentials?.Credentials, new AwsSessionOptions());
    }

    /// <summary>A session with its own call runner and timings (tests, or a caller that manages the cap itself).</summary>
    public AwsSession Open(CloudAccount account, CloudCalls calls, AwsSessionOptions options) =>
        new(account, AwsAccountSettings.From(account), calls, time, platformCredentials?.Credentials, options);
}

/// <summary>Register one in DI to give Failkit's STS caller explicit credentials instead of the default chain.</summary>
public sealed record AwsPlatformCredentials(AWSCredentials Credentials);
