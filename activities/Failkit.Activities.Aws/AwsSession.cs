using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

/// <summary>One drill step's view of an AWS account: EC2, EBS direct and SSM clients signed with the assumed role
/// (shared by the provider across the account's sessions),
/// every call run through the account's <see cref="CloudCalls"/>.</summary>
public sealed partial class AwsSession : ICloudSession
{
    private static readonly HttpClient EbsHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    private readonly CloudAccount _account;
    private readonly AwsAccountSettings _settings;
    private readonly CloudCalls _calls;
    private readonly TimeProvider _time;
    private readonly AwsSessionOptions _options;
    private readonly AmazonEC2Client _ec2;
    private readonly AmazonSimpleSystemsManagementClient _ssm;
    private readonly EbsDirectClient _ebs;

    internal AwsSession(CloudAccount account, AwsAccountSettings settings, CloudCalls calls, TimeProvider time,
        AWSCredentials credentials, AwsSessionOptions options)
    {
        _account = account;
        _settings = settings;
        _calls = calls;
        _time = time;
        _options = options;
        _ec2 = new AmazonEC2Client(credentials, Configure(new AmazonEC2Config(), settings.Endpoints.Ec2));
        _ssm = new AmazonSimpleSystemsManagementClient(credentials, Configure(new AmazonSimpleSystemsManagementConfig(), settings.Endpoints.Ssm));
        _ebs = new EbsDirectClient(EbsHttp, settings.Endpoints.Ebs, settings.Region, credentials, time);
    }

    public bool Simulated => false;

    /// <summary>The runner this session's calls go through (its retry count feeds the drill result).</summary>
    public CloudCalls Calls => _calls;

    public ValueTask DisposeAsync()
    {
        _ec2.Dispose();
        _ssm.Dispose();
        return ValueTask.CompletedTask;
    }

    private T Configure<T>(T config, Uri endpoint) where T : ClientConfig
    {
        config.ServiceURL = endpoint.ToString();
        config.AuthenticationRegion = _settings.Region;
        // Throttling is retried by CloudCalls (so it is counted and capped per account), never twice by the SDK too.
        config.MaxErrorRetry = 0;
        return config;
    }

    /// <summary>Runs one SDK call under the account's cap, mapping AWS errors to the contract's exceptions.</summary>
    private Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        _calls.RunAsync(async c =>
        {
            try
            {
                return await call(c);
            }
            catch (AmazonServiceException ex)
            {
                var mapped = AwsErrors.Map(operation, ex);
                if (mapped is null)
                {
                    throw;
                }

                throw mapped;
            }
        }, ct);

    private Dictionary<string, string> TagsFor(string drillTagValue, string vmName, IReadOnlyDictionary<string, string> extra)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _account.Tags)
        {
            tags[key] = value;
        }

        foreach (var (key, value) in extra)
        {
            tags[key] = value;
        }

        // Set last so neither the account nor the request can hide a resource from the sweep.
        tags[DrillTags.Key] = drillTagValue;
        tags[DrillTags.VmKey] = vmName;
        return tags;
    }

    private Task DelayAsync(CancellationToken ct) => Task.Delay(_options.PollInterval, _time, ct);
}
