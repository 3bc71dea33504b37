using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private async Task PutDiskAsync(HttpContext ctx, string operation, string id, string resourceGroup, string name)
    {
        var body = await ReadJsonAsync(ctx);
        var creation = body?["properties"]?["creationData"];
        var option = creation?["createOption"]?.GetValue<string>();
        if (body?["location"] is null || option is null)
        {
            await ArmErrorAsync(ctx, 400, "InvalidParameter", "Required parameters 'location' and 'properties.creationData.createOption' are missing (null).");
            return;
        }

        long size = 0;
        if (option == "Import")
        {
            var source = creation?["sourceUri"]?.GetValue<string>();
            var check = source is null ? "Required parameter 'sourceUri' is missing (null)." : CheckImportSource(new Uri(source), out size);
            if (check is not null || creation?["storageAccountId"] is null)
            {
                await ArmErrorAsync(ctx, 400, "InvalidParameter", check ?? "Required parameter 'storageAccountId' is missing (null).");
                return;
            }
        }
        else
        {
            size = (body["properties"]?["diskSizeGB"]?.GetValue<long>() ?? 0) << 30;
        }

        var created = Upsert(id, name, "Microsoft.Compute/disks", body, r =>
        {
            r.Properties = (JsonObject)body["properties"]!.DeepClone();
            r.Properties["diskSizeBytes"] = size;
            r.Properties["diskSizeGB"] = (size + (1L << 30) - 1) >> 30;
            r.Properties["diskState"] = "Unattached";
            r.Properties["uniqueId"] = Guid.NewGuid().ToString();
        });
        // The disk resource provider answers a create with 202 Accepted, not 201.
        await AnswerPutAsync(ctx, operation, id, created, "Microsoft.Compute", createdStatus: 202);
    }

    private async Task PutVmAsync(HttpContext ctx, string operation, string id, string name)
    {
        var body = await ReadJsonAsync(ctx);
        var props = body?["properties"];
        var osDiskId = props?["storageProfile"]?["osDisk"]?["managedDisk"]?["id"]?.GetValue<string>();
        var nicIds = (props?["networkProfile"]?["networkInterfaces"]?.AsArray() ?? []).Select(n => n!["id"]!.GetValue<string>()).ToList();
        var dataDiskIds = (props?["storageProfile"]?["dataDisks"]?.AsArray() ?? []).Select(d => d!["managedDisk"]!["id"]!.GetValue<string>());
        if (body?["location"] is null || props?["hardwareProfile"]?["vmSize"] is null || osDiskId is null || nicIds.Count == 0)
        {
            await ArmErrorAsync(ctx, 400, "InvalidParameter", "Required parameters 'location', 'hardwareProfile.vmSize', 'storageProfile.osDisk.managedDisk.id' and 'networkProfile.networkInterfaces' must be set.");
            return;
        }

        var problem = CheckAttachable(id, [osDiskId, .. dataDiskIds], nicIds);
        if (problem is not null)
        {
            await ArmErrorAsync(ctx, problem.Value.Status, problem.Value.Code, problem.Value.Message);
            return;
        }

        var created = Upsert(id, name, "Microsoft.Compute/virtualMachines", body!, r =>
        {
            r.Properties = (JsonObject)props!.DeepClone();
            r.Properties["vmId"] = Guid.NewGuid().ToString();
            r.PowerState = "starting";
            foreach (var disk in new[] { osDiskId }.Concat(dataDiskIds))
            {
                var d = _resources[disk];
                d.ManagedBy = id;
                d.Properties["diskState"] = "Attached";
            }

            foreach (var nic in nicIds)
            {
                _resources[nic].Properties["virtualMachine"] = new JsonObject { ["id"] = id };
            }
        });
        await AnswerPutAsync(ctx, operation, id, created, "Microsoft.Compute", r => r.PowerState = "running");
    }

    private (int Status, string Code, string Message)? CheckAttachable(string vmId, IEnumerable<string> diskIds, IEnumerable<string> nicIds)
    {
        lock (_gate)
        {
            foreach (var diskId in diskIds)
            {
                if (!_resources.TryGetValue(diskId, out var disk) || disk.ProvisioningState != "Succeeded")
                {
                    return (404, "NotFound", $"Disk {diskId} was not found or is not ready.");
                }

                if (disk.ManagedBy is { } owner && !owner.Equals(vmId, StringComparison.OrdinalIgnoreCase))
                {
                    return (409, "OperationNotAllowed", $"Disk {disk.Name} is already attached to VM {owner}.");
                }
            }

            foreach (var nicId in nicIds)
            {
                if (!_resources.TryGetValue(nicId, out var nic))
                {
                    return (400, "InvalidResourceReference", $"Resource {nicId} referenced by resource {vmId} was not found.");
                }

                if (nic.Properties["virtualMachine"]?["id"]?.GetValue<string>() is { } owner && !owner.Equals(vmId, StringComparison.OrdinalIgnoreCase))
                {
                    return (400, "NicInUse", $"Network Interface {nicId} is used by existing resource {owner}.");
                }
            }
        }

        return null;
    }

    /// <summary>Creates the resource, or updates it in place when the name is taken: that is what makes a PUT by a
    /// deterministic name idempotent. True when it was created.</summary>
    private bool Upsert(string id, string name, string type, JsonObject body, Action<FakeArmResource> apply)
    {
        var tags = (body["tags"] as JsonObject ?? []).ToDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal);
        lock (_gate)
        {
            var created = !_resources.TryGetValue(id, out var resource);
            resource ??= new FakeArmResource { Id = id, Name = name, Type = type, Location = body["location"]!.GetValue<string>() };
            var state = created ? "Creating" : resource.ProvisioningState;
            var power = resource.PowerState;
            apply(resource);
            resource.Tags = tags;
            resource.ProvisioningState = state;
            resource.PowerState = created ? resource.PowerState : power;
            _resources[id] = resource;
            return created;
        }
    }

    private async Task AnswerPutAsync(HttpContext ctx, string operation, string id, bool created, string providerNamespace, Action<FakeArmResource>? onDone = null, int createdStatus = 201)
    {
        var resource = Find(id)!;
        if (resource.ProvisioningState != "Succeeded")
        {
            StartOperation(ctx, providerNamespace, resource.Location, () =>
            {
                resource.ProvisioningState = "Succeeded";
                onDone?.Invoke(resource);
                return new OperationOutcome();
            }, withLocation: false);
        }

        if (DropResponse(ctx, operation))
        {
            return;
        }

        JsonObject json;
        lock (_gate)
        {
            json = resource.ToJson();
        }

        await JsonAsync(ctx, created ? createdStatus : 200, json);
    }
}
