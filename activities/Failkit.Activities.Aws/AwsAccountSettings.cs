using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

/// <summary>The AWS view of a <see cref="CloudAccount"/>: what the provider reads from its settings and secret.
/// The JSON keys are listed in docs/decisions/drills-aws-provider.md.</summary>
public sealed partial record AwsAccountSettings(
    string Region,
    string RoleArn,
    string ExternalId,
    string Subnet,
    string SecurityGroup,
    string Architecture,
    int MaxConcurrency,
    string? InstanceProfile,
    AwsEndpoints Endpoints)
{
    public const int DefaultMaxConcurrency = 8;

    public static AwsAccountSettings From(CloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Kind != CloudKind.Aws)
        {
            throw new CloudConfigurationException($"Kind: the account is {account.Kind}, not Aws.");
        }

        var region = Required(account.Region, "Region");
        if (!RegionPattern().IsMatch(region))
        {
            throw new CloudConfigurationException($"Region: '{region}' is not an AWS region name such as eu-west-1.");
        }

        var subnet = Required(account.Network?.Subnet, "Network.Subnet");
        Prefixed(subnet, "subnet-", "Network.Subnet");
        var securityGroup = Required(account.Network?.SecurityGroup, "Network.SecurityGroup");
        Prefixed(securityGroup, "sg-", "Network.SecurityGroup");

        var roleArn = Required(Text(account.Settings, "roleArn"), "Settings.roleArn");
        if (!RoleArnPattern().IsMatch(roleArn))
        {
            throw new CloudConfigurationException($"Settings.roleArn: '{roleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/name).");
        }

        var externalId = Required(Text(account.Secret, "externalId"), "Secret.externalId");
        var architecture = Text(account.Settings, "architecture") ?? "x86_64";
        if (architecture is not ("x86_64" or "arm64"))
        {
            throw new CloudConfigurationException($"Settings.architecture: '{architecture}' is neither x86_64 nor arm64.");
        }

        var maxConcurrency = DefaultMaxConcurrency;
        if (account.Settings?["maxConcurrency"] is { } cap)
        {
            maxConcurrency = cap is JsonValue value && value.TryGetValue<int>(out var n) && n is >= 1 and <= 256
                ? n
                : throw new CloudConfigurationException("Settings.maxConcurrency: must be a whole number from 1 to 256.");
        }

        return new AwsAccountSettings(region, roleArn, externalId, subnet, securityGroup, architecture, maxConcurrency,
            Text(account.Settings, "instanceProfile"), AwsEndpoints.From(account.Settings?["endpoints"] as JsonObject, region));
    }

    internal static string? Text(JsonObject? json, string key) =>
        json?[key] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new CloudConfigurationException($"{field} is required for an AWS account.") : value.Trim();

    private static void Prefixed(string value, string prefix, string field)
    {
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new CloudConfigurationException($"{field}: '{value}' is not an id starting with {prefix}.");
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArnPattern();
}

/// <summary>Where each AWS API lives. The public endpoints of the region unless the account overrides them (VPC
/// endpoints, a partition without public DNS, or a test fake).</summary>
public sealed record AwsEndpoints(Uri Ec2, Uri Ebs, Uri Ssm, Uri Sts)
{
    public static AwsEndpoints From(JsonObject? overrides, string region) => new(
        Endpoint(overrides, "ec2", $"https://ec2.{region}.amazonaws.com"),
        Endpoint(overrides, "ebs", $"https://ebs.{region}.amazonaws.com"),
        Endpoint(overrides, "ssm", $"https://ssm.{region}.amazonaws.com"),
        Endpoint(overrides, "sts", $"https://sts.{region}.amazonaws.com"));

    private static Uri Endpoint(JsonObject? overrides, string key, string fallback)
    {
        var text = AwsAccountSettings.Text(overrides, key);
        if (text is null)
        {
            return new Uri(fallback);
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new CloudConfigurationException($"Settings.endpoints.{key}: '{text}' is not an absolute http(s) URL.");
    }
}
