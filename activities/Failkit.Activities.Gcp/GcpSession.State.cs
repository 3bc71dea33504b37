using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

public sealed partial class GcpSession
{
    public async Task<InstanceState> GetStateAsync(CloudInstance instance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var link = ComputeLink(instance.Id);
        var resource = await rest.SendAsync(HttpMethod.Get, link, null, ct, notFoundIsNull: true);
        if (resource is null)
        {
            return new InstanceState(InstancePhase.Terminated, null, null, null, "the instance no longer exists");
        }

        var status = (string?)resource["status"];
        var phase = status switch
        {
            "PROVISIONING" or "STAGING" or "REPAIRING" => InstancePhase.Pending,
            "RUNNING" => InstancePhase.Running,
            "STOPPING" or "STOPPED" or "SUSPENDING" or "SUSPENDED" or "TERMINATED" => InstancePhase.Stopped,
            _ => InstancePhase.Failed,
        };
        var detail = (string?)resource["statusMessage"] is { Length: > 0 } message ? $"{status}: {message}" : status;
        if (phase != InstancePhase.Running)
        {
            return new InstanceState(phase, null, null, PrivateAddress(resource), detail);
        }

        var attributes = await rest.SendAsync(HttpMethod.Get, new Uri(link + "/getGuestAttributes?queryPath=hostkeys%2F"), null, ct, notFoundIsNull: true);
        var agentUp = attributes?["queryValue"]?["items"] is JsonArray { Count: > 0 };
        var serial = await rest.SendAsync(HttpMethod.Get, new Uri(link + "/serialPort?port=1"), null, ct, notFoundIsNull: true);
        var console = (string?)serial?["contents"];
        if (console is { Length: > 0 } && console.Length > _options.SerialTailBytes)
        {
            console = console[^_options.SerialTailBytes..];
        }

        return new InstanceState(phase, agentUp, console, PrivateAddress(resource), detail);
    }
}
