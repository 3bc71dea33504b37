using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

internal sealed partial class AzureSession
{
    public async Task<CloudInstance> LaunchAsync(LaunchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Disks.Count == 0)
        {
            throw new ArgumentException($"VM {request.VmName}: a launch needs at least the boot disk.", nameof(request));
        }

        var location = new AzureLocation(_account.Region);
        var tags = TagsFor(request.DrillTagValue, request.VmName, request.Tags);
        var nicId = new ResourceIdentifier(
            $"/subscriptions/{_settings.SubscriptionId}/resourceGroups/{_settings.ResourceGroup}/providers/Microsoft.Network/networkInterfaces/{AzureNames.For("nic", request.VmName, request.IdempotencyKey)}");
        var nicData = new GenericResourceData(location) { Properties = BinaryData.FromString(NicProperties().ToJsonString()) };
        foreach (var (k, v) in tags)
        {
            nicData.Tags[k] = v;
        }

        var (nic, nicRequest) = await CallAsync("create the drill NIC", async c =>
            await CompleteAsync(await _arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Started, nicId, nicData, c), c), ct);
        var address = PrivateAddressOf(nic.Data);

        var vmData = VmData(request, location, nicId, tags);
        var vmName = AzureNames.For("vm", request.VmName, request.IdempotencyKey);
        var (vm, vmRequest) = await CallAsync("create the drill VM", async c =>
            await CompleteAsync(await _group.GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Started, vmName, vmData, c), c), ct);
        if (address is not null)
        {
            _addresses[vm.Id.ToString()] = address;
        }

        return new CloudInstance(vm.Id.ToString(), address, [.. new[] { nicRequest, vmRequest }.OfType<string>()]);
    }

    private VirtualMachineData VmData(LaunchRequest request, AzureLocation location, ResourceIdentifier nicId, Dictionary<string, string> tags)
    {
        var os = _settings.OsType == "Windows" ? SupportedOperatingSystemType.Windows : SupportedOperatingSystemType.Linux;
        var size = _account.InstanceTypes.GetValueOrDefault(request.InstanceType) ?? request.InstanceType;
        var data = new VirtualMachineData(location)
        {
            HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(size) },
            StorageProfile = new VirtualMachineStorageProfile
            {
                // Attach boots the replicated disk as it is: no image, no OS profile, no provisioning of a new user.
                OSDisk = new VirtualMachineOSDisk(DiskCreateOptionType.Attach)
                {
                    OSType = os,
                    ManagedDisk = new VirtualMachineManagedDisk { Id = new ResourceIdentifier(request.Disks[0].Id) },
                },
            },
            NetworkProfile = new VirtualMachineNetworkProfile(),
            BootDiagnostics = new BootDiagnostics { Enabled = true },
        };
        data.NetworkProfile.NetworkInterfaces.Add(new VirtualMachineNetworkInterfaceReference { Id = nicId, Primary = true });
        for (var lun = 1; lun < request.Disks.Count; lun++)
        {
            data.StorageProfile.DataDisks.Add(new VirtualMachineDataDisk(lun - 1, DiskCreateOptionType.Attach)
            {
                ManagedDisk = new VirtualMachineManagedDisk { Id = new ResourceIdentifier(request.Disks[lun].Id) },
            });
        }

        foreach (var (k, v) in tags)
        {
            data.Tags[k] = v;
        }

        return data;
    }

    private JsonObject NicProperties()
    {
        var properties = new JsonObject
        {
            ["ipConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "ipconfig1",
                ["properties"] = new JsonObject
                {
                    ["subnet"] = new JsonObject { ["id"] = SubnetId() },
                    ["privateIPAllocationMethod"] = "Dynamic",
                },
            }),
        };
        if (_account.Network.SecurityGroup is { Length: > 0 } nsg)
        {
            properties["networkSecurityGroup"] = new JsonObject { ["id"] = NetworkId("networkSecurityGroups", nsg, "") };
        }

        return properties;
    }

    private string SubnetId()
    {
        var (network, subnet) = (_account.Network.Network, _account.Network.Subnet);
        return subnet.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? subnet
            : network.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? $"{network}/subnets/{subnet}"
            : NetworkId("virtualNetworks", $"{network}/subnets/{subnet}", "");
    }

    /// <summary>A network resource given by full ARM id, or by name in the network resource group.</summary>
    private string NetworkId(string type, string nameOrId, string parent) =>
        nameOrId.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
            ? nameOrId
            : $"/subscriptions/{_settings.SubscriptionId}/resourceGroups/{_settings.NetworkResourceGroup}/providers/Microsoft.Network/{type}/{parent}{nameOrId}";

    private static string? PrivateAddressOf(GenericResourceData nic)
    {
        var properties = nic.Properties is null ? null : JsonNode.Parse(nic.Properties.ToString());
        return properties?["ipConfigurations"]?.AsArray()
            .Select(c => c?["properties"]?["privateIPAddress"]?.GetValue<string>())
            .FirstOrDefault(a => !string.IsNullOrEmpty(a));
    }
}
