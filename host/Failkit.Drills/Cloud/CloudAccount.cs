using System.Text.Json.Nodes;

namespace Failkit.Drills.Cloud;

/// <summary>A tenant's cloud account, decrypted for the duration of one use.</summary>
/// <param name="Settings">Provider-specific, non-secret settings (role ARN, subscription, project, resource group,
/// endpoint overrides for sovereign clouds...). Each provider documents and validates its own keys.</param>
/// <param name="Secret">Provider-specific secret material (external id, client secret, service-account JSON).</param>
/// <param name="InstanceTypes">Maps a VM's size class (e.g. <c>small</c>) to the cloud's instance type.</param>
/// <param name="Tags">Tags put on everything a drill creates, besides the drill tag.</param>
public sealed record CloudAccount(
    Guid Id,
    string Name,
    CloudKind Kind,
    string Region,
    DrillNetwork Network,
    IReadOnlyDictionary<string, string> InstanceTypes,
    IReadOnlyDictionary<string, string> Tags,
    JsonObject Settings,
    JsonObject Secret);

/// <summary>The isolated network drills boot into: a network (VPC / VNet / GCE network), a subnet, and an
/// optional security group or firewall tag that denies traffic to production.</summary>
public sealed record DrillNetwork(string Network, string Subnet, string? SecurityGroup = null);
