using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

/// <summary>What a GCP account's <see cref="CloudAccount.Settings"/> and <see cref="CloudAccount.Secret"/> hold.
/// The secret is the service-account key JSON exactly as the console downloads it.</summary>
public sealed record GcpSettings(
    string ProjectId,
    string Zone,
    string StagingBucket,
    Uri ComputeEndpoint,
    Uri StorageEndpoint,
    int MaxConcurrency,
    string ServiceAccountJson)
{
    public const string DefaultComputeEndpoint = "https://compute.googleapis.com/compute/v1/";
    public const string DefaultStorageEndpoint = "https://storage.googleapis.com/";

    /// <summary>Reads and checks the account; throws <see cref="CloudConfigurationException"/> naming the field.</summary>
    public static GcpSettings From(CloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Kind != CloudKind.Gcp)
        {
            throw new CloudConfigurationException($"account '{account.Name}' is a {account.Kind} account, not a GCP one");
        }

        var secret = account.Secret;
        if (Text(secret, "type") is { } type && type != "service_account")
        {
            throw new CloudConfigurationException($"secret.type must be \"service_account\", not \"{type}\"");
        }

        Require(secret, "secret", "client_email");
        Require(secret, "secret", "private_key");
        Require(secret, "secret", "token_uri");
        var settings = account.Settings;
        var project = Text(settings, "projectId") ?? Text(secret, "project_id")
            ?? throw new CloudConfigurationException("settings.projectId is missing (and the service-account JSON has no project_id)");
        var zone = Require(settings, "settings", "zone");
        if (!zone.StartsWith(account.Region + "-", StringComparison.Ordinal))
        {
            throw new CloudConfigurationException($"settings.zone '{zone}' is not in the account's region '{account.Region}'");
        }

        if (string.IsNullOrWhiteSpace(account.Network.Network))
        {
            throw new CloudConfigurationException("network.network is missing");
        }

        if (string.IsNullOrWhiteSpace(account.Network.Subnet))
        {
            throw new CloudConfigurationException("network.subnet is missing");
        }

        var concurrency = 8;
        if (settings["maxConcurrency"] is { } cap && (!int.TryParse(cap.ToString(), out concurrency) || concurrency < 1))
        {
            throw new CloudConfigurationException("settings.maxConcurrency must be a positive integer");
        }

        return new GcpSettings(
            project,
            zone,
            Require(settings, "settings", "stagingBucket"),
            Endpoint(settings, "computeEndpoint", DefaultComputeEndpoint),
            Endpoint(settings, "storageEndpoint", DefaultStorageEndpoint),
            concurrency,
            secret.ToJsonString());
    }

    private static string Require(JsonObject json, string where, string key) =>
        Text(json, key) ?? throw new CloudConfigurationException($"{where}.{key} is missing");

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static Uri Endpoint(JsonObject settings, string key, string fallback)
    {
        var text = Text(settings, key) ?? fallback;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new CloudConfigurationException($"settings.{key} '{text}' is not an absolute http(s) URL");
        }

        return uri;
    }
}
