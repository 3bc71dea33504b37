using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

public sealed partial class GcpSession
{
    public async Task<CloudInstance> LaunchAsync(LaunchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Disks.Count == 0)
        {
            throw new ArgumentException($"VM '{request.VmName}' has no disks to boot from", nameof(request));
        }

        var name = GcpNames.Resource(request.VmName, request.IdempotencyKey);
        var requestId = GcpNames.RequestId("instances.insert", request.IdempotencyKey);
        var requestIds = new List<string> { requestId };
        var body = InstanceBody(request, name);
        try
        {
            var operation = await rest.SendAsync(HttpMethod.Post, Compute($"zones/{settings.Zone}/instances?requestId={requestId}"), body, ct, requestId);
            operation = await WaitAsync(operation!, requestId, ct);
            requestIds.Add((string?)operation["name"] ?? requestId);
        }
        catch (CloudOperationException ex) when (ex.ErrorCode == "alreadyExists")
        {
            // Past GCE's requestId window the retry meets the instance by its deterministic name: it is the same VM.
        }

        var instance = await rest.SendAsync(HttpMethod.Get, Compute($"zones/{settings.Zone}/instances/{name}"), null, ct, requestId)
            ?? throw new CloudOperationException($"instance {name} vanished right after it was created", "notFound", requestId);
        return new CloudInstance($"projects/{settings.ProjectId}/zones/{settings.Zone}/instances/{name}", PrivateAddress(instance), requestIds);
    }

    private JsonObject InstanceBody(LaunchRequest request, string name)
    {
        var labels = Labels(request.DrillTagValue, request.VmName, request.Tags);
        var disks = new JsonArray();
        for (var i = 0; i < request.Disks.Count; i++)
        {
            disks.Add(new JsonObject
            {
                ["boot"] = i == 0,
                ["autoDelete"] = true,
                ["deviceName"] = $"disk-{i}",
                ["initializeParams"] = new JsonObject
                {
                    ["diskName"] = $"{name}-d{i}",
                    ["sourceImage"] = Relative(request.Disks[i].Id),
                    ["labels"] = labels.DeepClone(),
                },
            });
        }

        var network = account.Network;
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"Failkit drill {request.DrillTagValue}: {request.VmName}",
            ["machineType"] = $"zones/{settings.Zone}/machineTypes/{request.InstanceType}",
            ["labels"] = labels,
            ["disks"] = disks,
            // No accessConfigs: the drill VM gets no external address, so it is reachable from the drill network only.
            ["networkInterfaces"] = new JsonArray(new JsonObject
            {
                ["network"] = network.Network.Contains('/', StringComparison.Ordinal) ? network.Network : $"projects/{settings.ProjectId}/global/networks/{network.Network}",
                ["subnetwork"] = network.Subnet.Contains('/', StringComparison.Ordinal) ? network.Subnet : $"projects/{settings.ProjectId}/regions/{account.Region}/subnetworks/{network.Subnet}",
            }),
            // The guest agent publishes its host keys as guest attributes once it is up: our status check.
            ["metadata"] = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["key"] = "enable-guest-attributes", ["value"] = "TRUE" }) },
        };
        if (network.SecurityGroup is { Length: > 0 } firewallTag)
        {
            body["tags"] = new JsonObject { ["items"] = new JsonArray(firewallTag) };
        }

        return body;
    }

    private static string? PrivateAddress(JsonObject instance) =>
        (string?)instance["networkInterfaces"]?[0]?["networkIP"];
}
