using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private async Task DeleteResourceAsync(HttpContext ctx, string operation, string id)
    {
        (int Status, string Code, string Message)? refusal = null;
        FakeArmResource? resource;
        lock (_gate)
        {
            resource = _resources.GetValueOrDefault(id);
            if (resource is null)
            {
                refusal = null;
            }
            else if (_failDelete.Contains(id))
            {
                refusal = (409, "ScopeLocked", $"The scope '{id}' cannot perform delete operation because following scope(s) are locked: '{id}'. Please remove the lock and try again.");
            }
            else if (resource.ManagedBy is { } owner)
            {
                refusal = (409, "OperationNotAllowed", $"Disk {resource.Name} is attached to VM {owner}.");
            }
            else if (resource.Properties["virtualMachine"]?["id"]?.GetValue<string>() is { } vm)
            {
                refusal = (400, "NicInUse", $"Network Interface {id} is used by existing resource {vm}. In order to delete the network interface, it must be dissociated from the resource.");
            }
            else
            {
                resource.ProvisioningState = "Deleting";
            }
        }

        if (refusal is { } r)
        {
            await ArmErrorAsync(ctx, r.Status, r.Code, r.Message);
            return;
        }

        if (resource is null)
        {
            await JsonAsync(ctx, 204, null);
            return;
        }

        StartOperation(ctx, resource.Type.Split('/')[0], resource.Location, () =>
        {
            _resources.Remove(id);
            ReleaseAttachments(id);
            return new OperationOutcome();
        }, withLocation: true);
        if (!DropResponse(ctx, operation))
        {
            await JsonAsync(ctx, 202, null);
        }
    }

    /// <summary>A deleted VM lets go of its disks and NICs, as ARM does.</summary>
    private void ReleaseAttachments(string vmId)
    {
        foreach (var other in _resources.Values)
        {
            if (vmId.Equals(other.ManagedBy, StringComparison.OrdinalIgnoreCase))
            {
                other.ManagedBy = null;
                other.Properties["diskState"] = "Unattached";
            }

            if (vmId.Equals(other.Properties["virtualMachine"]?["id"]?.GetValue<string>(), StringComparison.OrdinalIgnoreCase))
            {
                other.Properties.Remove("virtualMachine");
            }
        }
    }

    private async Task PutNicAsync(HttpContext ctx, string operation, string id, string name)
    {
        var body = await ReadJsonAsync(ctx);
        var config = body?["properties"]?["ipConfigurations"]?[0];
        var subnet = config?["properties"]?["subnet"]?["id"]?.GetValue<string>();
        if (body?["location"] is null || subnet is null)
        {
            await ArmErrorAsync(ctx, 400, "InvalidRequestFormat", "Cannot parse the request: ipConfigurations[0].properties.subnet.id is required.");
            return;
        }

        var created = Upsert(id, name, "Microsoft.Network/networkInterfaces", body!, r =>
        {
            var address = r.Properties["ipConfigurations"]?[0]?["properties"]?["privateIPAddress"]?.GetValue<string>() ?? NextPrivateAddress(name);
            var vm = r.Properties["virtualMachine"]?.DeepClone();
            r.Properties = (JsonObject)body!["properties"]!.DeepClone();
            var ipConfig = r.Properties["ipConfigurations"]![0]!.AsObject();
            ipConfig["id"] = $"{id}/ipConfigurations/{ipConfig["name"]}";
            ipConfig["properties"]!["privateIPAddress"] = address;
            ipConfig["properties"]!["privateIPAddressVersion"] = "IPv4";
            ipConfig["properties"]!["primary"] = true;
            if (vm is not null)
            {
                r.Properties["virtualMachine"] = vm;
            }
        });
        await AnswerPutAsync(ctx, operation, id, created, "Microsoft.Network");
    }
}
