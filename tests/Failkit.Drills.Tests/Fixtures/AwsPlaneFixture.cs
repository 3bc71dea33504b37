using System.Text.Json.Nodes;
using Amazon.Runtime;
using Failkit.Activities.Aws;
using Failkit.CloudFakes.Aws;
using Failkit.Drills.Cloud;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>One tenant plane and one AWS fake per test class. The plane's AWS provider is the real one, signed in as
/// the fake's platform identity; accounts point at the fake through <c>settings.endpoints</c>.</summary>
public sealed class AwsPlaneFixture : IAsyncLifetime
{
    private AwsFake? _fake;
    private DrillPlane? _plane;

    public AwsFake Fake => _fake ?? throw new InvalidOperationException("Not started.");

    public DrillPlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _fake = await AwsFake.StartAsync();
        _fake.PrivateAddress = "127.0.0.1";
        var platform = new AwsPlatformCredentials(new BasicAWSCredentials(_fake.PlatformAccessKeyId, _fake.PlatformSecretKey));
        _plane = await DrillPlane.StartAsync(services: s => s.ReplaceCloud<AwsCloudProvider>(_ => new FastAwsCloud(new AwsCloudProvider(TimeProvider.System, platform))));
    }

    public Task<CloudAccountView> AccountAsync()
    {
        var endpoint = Fake.Endpoint.ToString();
        return CloudDrill.AccountAsync(Plane, CloudKind.Aws, "eu-west-1", new DrillNetwork("vpc-0fa11c17", "subnet-0d1011", "sg-0d1011"), "t3.small",
            new JsonObject
            {
                ["roleArn"] = "arn:aws:iam::123456789012:role/FailkitDrill",
                ["endpoints"] = new JsonObject { ["ec2"] = endpoint, ["ebs"] = endpoint, ["ssm"] = endpoint, ["sts"] = endpoint },
            },
            new JsonObject { ["externalId"] = Fake.ExternalId });
    }

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }
}
