using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

public sealed partial class AwsSession
{
    private const int OutputTailChars = 512;

    public async Task<ProbeAttempt> ProbeAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Kind == ProbeKind.Script ? await ScriptAsync(instance, probe, ct) : await DirectProbe.RunAsync(instance, probe, ct);
    }

    /// <summary>AWS-RunShellScript through SSM Run Command; exit code 0 passes.</summary>
    private async Task<ProbeAttempt> ScriptAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(probe.Script))
        {
            return new ProbeAttempt(false, $"{probe.Name}: the script probe has no script");
        }

        SendCommandResponse sent;
        try
        {
            sent = await CallAsync("SendCommand", c => _ssm.SendCommandAsync(new SendCommandRequest
            {
                DocumentName = "AWS-RunShellScript",
                InstanceIds = [instance.Id],
                Parameters = new Dictionary<string, List<string>> { ["commands"] = [probe.Script] },
                TimeoutSeconds = Math.Max(30, (int)_options.ScriptTimeout.TotalSeconds),
                Comment = $"Failkit probe {probe.Name}",
            }, c), ct);
        }
        catch (CloudOperationException ex) when (ex.ErrorCode == "InvalidInstanceId")
        {
            // The SSM agent has not registered yet (or the instance has no instance profile); the caller retries.
            return new ProbeAttempt(false, $"{probe.Name}: {instance.Id} is not managed by SSM yet ({ex.Message})", ex.RequestId);
        }

        var requestId = sent.ResponseMetadata?.RequestId;
        var commandId = sent.Command.CommandId;
        var deadline = _time.GetUtcNow() + _options.ScriptTimeout;
        while (true)
        {
            await DelayAsync(ct);
            GetCommandInvocationResponse invocation;
            try
            {
                invocation = await CallAsync("GetCommandInvocation", c => _ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest
                {
                    CommandId = commandId,
                    InstanceId = instance.Id,
                }, c), ct);
            }
            catch (CloudOperationException ex) when (ex.ErrorCode == "InvocationDoesNotExist" && _time.GetUtcNow() < deadline)
            {
                continue;
            }

            var status = invocation.Status?.Value;
            if (status is not ("Pending" or "InProgress" or "Delayed"))
            {
                var output = Tail(invocation.StandardOutputContent, invocation.StandardErrorContent);
                var code = invocation.ResponseCode;
                return status == "Success" && code == 0
                    ? new ProbeAttempt(true, $"{probe.Name}: exit 0 {output}".TrimEnd(), requestId)
                    : new ProbeAttempt(false, $"{probe.Name}: {status}, exit {code} {output}".TrimEnd(), requestId);
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return new ProbeAttempt(false, $"{probe.Name}: command {commandId} still {status} after {_options.ScriptTimeout}", requestId);
            }
        }
    }

    private static string Tail(string? stdout, string? stderr)
    {
        var text = string.Join(" | ", new[] { stdout, stderr }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        return text.Length > OutputTailChars ? text[^OutputTailChars..] : text;
    }
}
