using System.Text.Json.Nodes;
using Amazon.Runtime;
using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Aws.Tests;

public sealed class AwsAccountSettingsTests
{
    private static readonly CloudAccount Valid = new(
        Guid.NewGuid(), "prod", CloudKind.Aws, "eu-central-1", new DrillNetwork("vpc-1", "subnet-1", "sg-1"),
        new Dictionary<string, string>(), new Dictionary<string, string>(),
        new JsonObject { ["roleArn"] = "arn:aws:iam::123456789012:role/Failkit" },
        new JsonObject { ["externalId"] = "ext-1" });

    private static readonly AwsCloudProvider Provider = new(TimeProvider.System, new AwsPlatformCredentials(new BasicAWSCredentials("AKIDEXAMPLE", "secret")));

    public static TheoryData<string, string> Missing => new()
    {
        { "Region", "Region" },
        { "Network.Subnet", "Network.Subnet" },
        { "Network.SecurityGroup", "Network.SecurityGroup" },
        { "Settings.roleArn", "Settings.roleArn" },
        { "Secret.externalId", "Secret.externalId" },
    };

    [Fact]
    public void CompleteAccount_Validates()
    {
        Provider.Validate(Valid);
        var settings = AwsAccountSettings.From(Valid);
        Assert.Equal(new Uri("https://ec2.eu-central-1.amazonaws.com"), settings.Endpoints.Ec2);
        Assert.Equal(AwsAccountSettings.DefaultMaxConcurrency, settings.MaxConcurrency);
    }

    [Theory]
    [MemberData(nameof(Missing))]
    public void MissingField_IsNamed(string field, string expected)
    {
        var account = field switch
        {
            "Region" => Valid with { Region = "" },
            "Network.Subnet" => Valid with { Network = Valid.Network with { Subnet = " " } },
            "Network.SecurityGroup" => Valid with { Network = Valid.Network with { SecurityGroup = null } },
            "Settings.roleArn" => Valid with { Settings = [] },
            _ => Valid with { Secret = [] },
        };

        var error = Assert.Throws<CloudConfigurationException>(() => Provider.Validate(account));

        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("roleArn", "arn:aws:iam::123:role/x", "Settings.roleArn")]
    [InlineData("maxConcurrency", "0", "Settings.maxConcurrency")]
    [InlineData("architecture", "sparc", "Settings.architecture")]
    public void MalformedSetting_IsNamed(string key, string value, string expected)
    {
        var settings = (JsonObject)Valid.Settings.DeepClone();
        settings[key] = key == "maxConcurrency" ? JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : value;

        var error = Assert.Throws<CloudConfigurationException>(() => Provider.Validate(Valid with { Settings = settings }));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void EndpointOverride_MustBeAnAbsoluteUrl()
    {
        var settings = (JsonObject)Valid.Settings.DeepClone();
        settings["endpoints"] = new JsonObject { ["ebs"] = "ebs.internal" };

        var error = Assert.Throws<CloudConfigurationException>(() => Provider.Validate(Valid with { Settings = settings }));

        Assert.StartsWith("Settings.endpoints.ebs", error.Message);
    }

    [Fact]
    public void AddAwsCloud_RegistersTheAwsProvider()
    {
        using var services = new ServiceCollection().AddAwsCloud().BuildServiceProvider();

        var provider = Assert.Single(services.GetServices<ICloudProvider>());

        Assert.Equal(CloudKind.Aws, provider.Kind);
        Assert.IsType<AwsCloudProvider>(provider);
    }
}
