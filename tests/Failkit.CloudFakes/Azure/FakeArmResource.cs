using System.Text.Json.Nodes;

namespace Failkit.CloudFakes.Azure;

/// <summary>One ARM resource held by the fake: the envelope ARM returns plus the fake's own bookkeeping.</summary>
public sealed class FakeArmResource
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Namespace and type, e.g. <c>Microsoft.Compute/virtualMachines</c>.</summary>
    public required string Type { get; init; }

    public required string Location { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public JsonObject Properties { get; set; } = [];

    public string? ManagedBy { get; set; }

    internal int InstanceViewReads { get; set; }

    /// <summary>A VM's power state code (running, stopped...); null for other resources.</summary>
    public string? PowerState { get; set; }

    public string ProvisioningState
    {
        get => Properties["provisioningState"]?.GetValue<string>() ?? "Succeeded";
        set => Properties["provisioningState"] = value;
    }

    public JsonObject ToJson()
    {
        var tags = new JsonObject();
        foreach (var (k, v) in Tags)
        {
            tags[k] = v;
        }

        var json = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["type"] = Type,
            ["location"] = Location,
            ["tags"] = tags,
            ["properties"] = Properties.DeepClone(),
        };
        if (ManagedBy is not null)
        {
            json["managedBy"] = ManagedBy;
        }

        return json;
    }
}
