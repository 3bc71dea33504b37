using System.Text.Json.Nodes;
using Amazon.Runtime;
using Failkit.Drills.Cloud;
using Failkit.CloudFakes.Aws;

namespace Failkit.Activities.Aws.Tests;

/// <summary>The fake AWS account, a provider signed in as Failkit's platform identity, and a session with fast timings.</summary>
internal sealed class AwsTestbed : IAsyncDisposable
{
    public const string RoleArn = "arn:aws:iam::123456789012:role/FailkitDrill";

    private AwsTestbed(AwsFake fake)
    {
        Fake = fake;
        Account = AccountFor(fake);
        Provider = new AwsCloudProvider(TimeProvider.System, new AwsPlatformCredentials(new BasicAWSCredentials(fake.PlatformAccessKeyId, fake.PlatformSecretKey)));
        Calls = NewCalls();
    }

    public AwsFake Fake { get; }

    public CloudAccount Account { get; }

    public AwsCloudProvider Provider { get; }

    public CloudCalls Calls { get; }

    public static AwsSessionOptions FastOptions { get; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(5),
        SnapshotTimeout = TimeSpan.FromSeconds(5),
        TerminationTimeout = TimeSpan.FromSeconds(5),
        ScriptTimeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<AwsTestbed> StartAsync() => new(await AwsFake.StartAsync());

    /// <summary>Backoff in milliseconds, so throttling tests stay fast while still really waiting between attempts.</summary>
    public static CloudCalls NewCalls() => new(4, TimeProvider.System, maxAttempts: 6, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(40));

    public AwsSession Open() => Provider.Open(Account, Calls, FastOptions);

    public static CloudAccount AccountFor(AwsFake fake)
    {
        var endpoint = fake.Endpoint.ToString();
        return new CloudAccount(
            Guid.NewGuid(),
            "drills",
            CloudKind.Aws,
            "eu-west-1",
            new DrillNetwork("vpc-0fa11c17", "subnet-0d1011", "sg-0d1011"),
            new Dictionary<string, string> { ["small"] = "t3.small" },
            new Dictionary<string, string> { ["cost-center"] = "dr-tests" },
            new JsonObject
            {
                ["roleArn"] = RoleArn,
                ["instanceProfile"] = "FailkitDrillSsm",
                ["endpoints"] = new JsonObject { ["ec2"] = endpoint, ["ebs"] = endpoint, ["ssm"] = endpoint, ["sts"] = endpoint },
            },
            new JsonObject { ["externalId"] = fake.ExternalId });
    }

    /// <summary>Hydrates and launches one VM, then polls until it is running with its status checks passed; the fake
    /// shows pending, then running with checks initializing, so the loop must really poll.</summary>
    public static async Task<CloudInstance> BootAsync(AwsSession session, string drillTag, string vm, DiskImage disk)
    {
        var image = await session.HydrateAsync(new HydrateRequest(drillTag, vm, $"{drillTag}/{vm}/disk", disk, new Dictionary<string, string>()), default);
        var instance = await session.LaunchAsync(new LaunchRequest(drillTag, vm, $"{drillTag}/{vm}/boot", [image], "small", new Dictionary<string, string> { ["app"] = "shop" }), default);
        var seen = new List<(InstancePhase, bool?)>();
        for (var poll = 0; poll < 50; poll++)
        {
            var state = await session.GetStateAsync(instance, default);
            seen.Add((state.Phase, state.StatusChecksPassed));
            if (state is { Phase: InstancePhase.Running, StatusChecksPassed: true })
            {
                Assert.Equal<(InstancePhase, bool?)>([(InstancePhase.Pending, null), (InstancePhase.Running, false)], seen.Take(2));
                return instance with { PrivateAddress = state.PrivateAddress };
            }

            Assert.True(state.Phase is InstancePhase.Pending or InstancePhase.Running, $"{vm} went to {state.Phase}: {state.Detail}");
        }

        throw new Xunit.Sdk.XunitException($"{vm} did not pass its status checks in 50 looks.");
    }

    public ValueTask DisposeAsync()
    {
        Calls.Dispose();
        return Fake.DisposeAsync();
    }
}
