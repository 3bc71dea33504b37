using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Failkit.Drills.Cloud;
using InstanceState = Failkit.Drills.Cloud.InstanceState;

namespace Failkit.Activities.Aws;

public sealed partial class AwsSession
{
    private const int ConsoleTailChars = 4096;

    public async Task<InstanceState> GetStateAsync(CloudInstance instance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        DescribeInstancesResponse described;
        try
        {
            described = await CallAsync("DescribeInstances", c => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instance.Id] }, c), ct);
        }
        catch (CloudOperationException ex) when (ex.ErrorCode == "InvalidInstanceID.NotFound")
        {
            // EC2 is eventually consistent: an instance just launched may not be visible yet.
            return new InstanceState(InstancePhase.Pending, null, null, instance.PrivateAddress, "not visible to DescribeInstances yet");
        }

        var found = described.Reservations?.SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == instance.Id);
        if (found is null)
        {
            return new InstanceState(InstancePhase.Pending, null, null, instance.PrivateAddress, "not visible to DescribeInstances yet");
        }

        var phase = PhaseOf(found);
        var detail = found.StateReason is { Code: { Length: > 0 } code } reason ? $"{code}: {reason.Message}" : found.State?.Name?.Value;
        if (phase != InstancePhase.Running)
        {
            return new InstanceState(phase, null, null, found.PrivateIpAddress, detail);
        }

        var checks = await StatusChecksAsync(instance.Id, ct);
        var console = await CallAsync("GetConsoleOutput", c => _ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instance.Id }, c), ct);
        return new InstanceState(phase, checks.Passed, Tail(console.Output), found.PrivateIpAddress, checks.Detail ?? detail);
    }

    private async Task<(bool? Passed, string? Detail)> StatusChecksAsync(string instanceId, CancellationToken ct)
    {
        var response = await CallAsync("DescribeInstanceStatus", c => _ec2.DescribeInstanceStatusAsync(new DescribeInstanceStatusRequest
        {
            InstanceIds = [instanceId],
            IncludeAllInstances = true,
        }, c), ct);
        var status = response.InstanceStatuses?.FirstOrDefault(s => s.InstanceId == instanceId);
        if (status is null)
        {
            return (false, "no status checks reported yet");
        }

        var system = status.SystemStatus?.Status?.Value;
        var own = status.Status?.Status?.Value;
        return (system == "ok" && own == "ok", $"system {system ?? "?"}, instance {own ?? "?"}");
    }

    private static InstancePhase PhaseOf(Instance instance)
    {
        var name = instance.State?.Name?.Value;
        return name switch
        {
            "pending" => InstancePhase.Pending,
            "running" => InstancePhase.Running,
            "stopping" or "stopped" => InstancePhase.Stopped,
            // An instance that died on its own (capacity, a bad AMI, a volume limit) failed; one we terminated did not.
            "shutting-down" or "terminated" when instance.StateReason?.Code?.StartsWith("Server.", StringComparison.Ordinal) == true => InstancePhase.Failed,
            "shutting-down" or "terminated" => InstancePhase.Terminated,
            _ => InstancePhase.Failed,
        };
    }

    private static string? Tail(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        return text.Length > ConsoleTailChars ? text[^ConsoleTailChars..] : text;
    }
}
