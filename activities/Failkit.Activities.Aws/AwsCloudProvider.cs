using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

/// <summary>Drills in the customer's AWS account: Failkit assumes the account's role (with its external id) and
/// boots replicas from EBS snapshots it writes with the EBS direct APIs.</summary>
/// <param name="platformCredentials">Failkit's own AWS identity, used only to call STS AssumeRole; null means the
/// SDK's default chain (environment, profile, instance or pod role).</param>
public sealed class AwsCloudProvider(TimeProvider time, AwsPlatformCredentials? platformCredentials = null) : ICloudProvider, IDisposable
{
    // Sessions are opened per activity; sharing the assumed role per account keeps a 500-VM drill from calling
    // AssumeRole 500 times (STS has its own rate limits) while the credentials still refresh before they expire.
    private readonly ConcurrentDictionary<(Guid, string, string, Uri), Lazy<(AmazonSecurityTokenServiceClient Sts, AssumedRoleCredentials Credentials)>> _roles = new();

    public CloudKind Kind => CloudKind.Aws;

    public void Validate(CloudAccount account) => AwsAccountSettings.From(account);

    public ICloudSession Open(CloudAccount account)
    {
        var settings = AwsAccountSettings.From(account);
        return new AwsSession(account, settings, CloudCalls.For(account.Id, settings.MaxConcurrency, time), time,
            RoleOf(account, settings), new AwsSessionOptions());
    }

    /// <summary>A session with its own call runner and timings (tests, or a caller that manages the cap itself).</summary>
    public AwsSession Open(CloudAccount account, CloudCalls calls, AwsSessionOptions options)
    {
        var settings = AwsAccountSettings.From(account);
        return new AwsSession(account, settings, calls, time, RoleOf(account, settings), options);
    }

    public void Dispose()
    {
        foreach (var role in _roles.Values.Where(r => r.IsValueCreated))
        {
            role.Value.Credentials.Dispose();
            role.Value.Sts.Dispose();
        }
    }

    private AssumedRoleCredentials RoleOf(CloudAccount account, AwsAccountSettings settings) =>
        _roles.GetOrAdd((account.Id, settings.RoleArn, settings.ExternalId, settings.Endpoints.Sts), _ => new(() =>
        {
            var config = new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = settings.Endpoints.Sts.ToString(),
                AuthenticationRegion = settings.Region,
                // STS keeps the SDK's retries: it runs inside another call's signing step, where CloudCalls cannot wrap it.
                MaxErrorRetry = 3,
            };
            var sts = platformCredentials is null ? new AmazonSecurityTokenServiceClient(config) : new AmazonSecurityTokenServiceClient(platformCredentials.Credentials, config);
            return (sts, new AssumedRoleCredentials(sts, settings.RoleArn, settings.ExternalId, $"failkit-drill-{account.Id:n}"));
        })).Value.Credentials;
}

/// <summary>Register one in DI to give Failkit's STS caller explicit credentials instead of the default chain.</summary>
public sealed record AwsPlatformCredentials(AWSCredentials Credentials);
