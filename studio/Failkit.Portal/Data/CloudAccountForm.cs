using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;

namespace Failkit.Portal.Data;

/// <summary>The add-account form: the fields each kind of cloud needs, gathered into the API's
/// <see cref="CloudAccountInput"/>. The provider checks them (<see cref="CloudAccountChanges"/>); the form does not.</summary>
public sealed class CloudAccountForm
{
    public string Name { get; set; } = "";

    public CloudKind Kind { get; set; } = CloudKind.Sim;

    public string Region { get; set; } = "sim-1";

    public string Network { get; set; } = "drill-net";

    public string Subnet { get; set; } = "drill-subnet";

    public string? SecurityGroup { get; set; }

    /// <summary><c>small=t3.small, medium=t3.large</c>: size class to the cloud's instance type.</summary>
    public string InstanceTypes { get; set; } = "small=sim.small, medium=sim.medium, large=sim.large";

    /// <summary>Settings by key for the chosen kind (role ARN, subscription, project...).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Secret values by key; written once, never read back.</summary>
    public Dictionary<string, string?> Secret { get; } = [];

    /// <summary>Further settings as JSON (endpoint overrides, Sim latencies), merged over the fields.</summary>
    public string? AdvancedSettings { get; set; }

    /// <summary>The labelled fields of each kind: (key, label, secret?).</summary>
    public static IReadOnlyList<(string Key, string Label, bool Secret)> FieldsOf(CloudKind kind) => kind switch
    {
        CloudKind.Aws => [("roleArn", "Role ARN", false), ("architecture", "Architecture (x86_64 or arm64)", false), ("externalId", "External ID", true)],
        CloudKind.Azure =>
        [
            ("tenantId", "Tenant ID", false), ("clientId", "Client ID", false), ("subscriptionId", "Subscription ID", false),
            ("resourceGroup", "Resource group", false), ("storageAccount", "Storage account", false), ("clientSecret", "Client secret", true),
        ],
        CloudKind.Gcp => [("projectId", "Project ID", false), ("zone", "Zone", false), ("stagingBucket", "Staging bucket", false)],
        _ => [("timeScale", "Simulation time scale", false)],
    };

    /// <summary>Sensible starting values when the kind changes, so the example shows the kind's own format.</summary>
    public void ResetFor(CloudKind kind)
    {
        Kind = kind;
        Settings.Clear();
        Secret.Clear();
        (Region, Network, Subnet, InstanceTypes) = kind switch
        {
            CloudKind.Aws => ("eu-west-1", "vpc-", "subnet-", "small=t3.small, medium=t3.large, large=m6i.xlarge"),
            CloudKind.Azure => ("westeurope", "", "", "small=Standard_B2s, medium=Standard_D4s_v5, large=Standard_D8s_v5"),
            CloudKind.Gcp => ("europe-west1", "", "", "small=e2-small, medium=e2-standard-4, large=e2-standard-8"),
            _ => ("sim-1", "drill-net", "drill-subnet", "small=sim.small, medium=sim.medium, large=sim.large"),
        };
        SecurityGroup = kind == CloudKind.Aws ? "sg-" : null;
    }

    /// <summary>The API input; a malformed instance-type list or advanced JSON is an error by field, as the server's are.</summary>
    public (CloudAccountInput? Input, Dictionary<string, string[]> Errors) ToInput(string? serviceAccountJson)
    {
        var errors = new Dictionary<string, string[]>();
        var types = new Dictionary<string, string>();
        foreach (var pair in InstanceTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                errors["instanceTypes"] = [$"'{pair}' is not size=instance-type"];
                continue;
            }

            types[parts[0]] = parts[1];
        }

        var settings = new JsonObject();
        var secret = new JsonObject();
        foreach (var (key, _, isSecret) in FieldsOf(Kind))
        {
            var source = isSecret ? Secret : Settings;
            if (source.GetValueOrDefault(key) is { Length: > 0 } value)
            {
                (isSecret ? secret : settings)[key] = key == "timeScale" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? JsonValue.Create(n)
                    : JsonValue.Create(value.Trim());
            }
        }

        if (Kind == CloudKind.Gcp && !string.IsNullOrWhiteSpace(serviceAccountJson))
        {
            try
            {
                secret = JsonNode.Parse(serviceAccountJson) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException)
            {
                errors["secret"] = ["the service-account key must be the JSON file Google gives (an object)"];
            }
        }

        if (!string.IsNullOrWhiteSpace(AdvancedSettings))
        {
            try
            {
                foreach (var (key, value) in JsonNode.Parse(AdvancedSettings) as JsonObject ?? throw new JsonException("not an object"))
                {
                    settings[key] = value?.DeepClone();
                }
            }
            catch (JsonException)
            {
                errors["settings"] = ["advanced settings must be a JSON object, e.g. {\"seed\": 7}"];
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CloudAccountInput(Name.Trim(), Kind, Region.Trim(), new DrillNetwork(Network.Trim(), Subnet.Trim(),
                string.IsNullOrWhiteSpace(SecurityGroup) ? null : SecurityGroup.Trim()), types, null, settings, secret), errors);
    }
}
