using System.Text.Json.Nodes;

namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private const string SsmJson = "application/x-amz-json-1.1";

    private FakeReply Ssm(string action, byte[] body, string requestId)
    {
        var json = JsonNode.Parse(body) as JsonObject ?? throw new AwsFakeException(400, "SerializationException", "Body is not a JSON object.");
        return action switch
        {
            "SendCommand" => SendCommand(json),
            "GetCommandInvocation" => GetCommandInvocation(json),
            _ => throw new AwsFakeException(400, "UnknownOperationException", $"Unknown operation {action} ({requestId})."),
        };
    }

    private FakeReply SendCommand(JsonObject json)
    {
        var document = json["DocumentName"]?.GetValue<string>();
        if (document != "AWS-RunShellScript")
        {
            throw new AwsFakeException(400, "InvalidDocument", $"Document {document} does not exist in your account.");
        }

        var instanceIds = json["InstanceIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        var script = string.Join('\n', json["Parameters"]?["commands"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []);
        var commandId = Guid.NewGuid().ToString();
        lock (_gate)
        {
            // Only a running instance whose profile lets the SSM agent register is a managed instance.
            var targets = instanceIds.Select(id => _instances.TryGetValue(id, out var i) && i.State == "running" && i.InstanceProfile is not null
                ? i
                : throw new AwsFakeException(400, "InvalidInstanceId", $"Instances [[{id}]] not in a valid state for account {AccountId}")).ToList();
            if (targets.Count == 0)
            {
                throw new AwsFakeException(400, "ValidationException", "InstanceIds or Targets must be given.");
            }

            foreach (var instance in targets)
            {
                var (exitCode, output) = RunScript(instance, script);
                _commands[$"{commandId}/{instance.Id}"] = new FakeCommand(commandId, instance.Id, document, script, exitCode, output);
            }
        }

        return FakeReply.Json(200, new JsonObject
        {
            ["Command"] = new JsonObject
            {
                ["CommandId"] = commandId,
                ["DocumentName"] = document,
                ["InstanceIds"] = new JsonArray(instanceIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
                ["Status"] = "Pending",
                ["RequestedDateTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            },
        }, SsmJson);
    }

    /// <summary>An invocation reports InProgress on its first look, then its outcome.</summary>
    private FakeReply GetCommandInvocation(JsonObject json)
    {
        var key = $"{json["CommandId"]?.GetValue<string>()}/{json["InstanceId"]?.GetValue<string>()}";
        FakeCommand command;
        lock (_gate)
        {
            if (!_commands.TryGetValue(key, out command!))
            {
                throw new AwsFakeException(400, "InvocationDoesNotExist", "An error occurred (InvocationDoesNotExist).");
            }

            command.Polls++;
        }

        var status = command.Polls <= 1 ? "InProgress" : command.ExitCode == 0 ? "Success" : "Failed";
        return FakeReply.Json(200, new JsonObject
        {
            ["CommandId"] = command.CommandId,
            ["InstanceId"] = command.InstanceId,
            ["DocumentName"] = command.DocumentName,
            ["PluginName"] = "aws:runShellScript",
            ["Status"] = status,
            ["StatusDetails"] = status,
            ["ResponseCode"] = status == "InProgress" ? -1 : command.ExitCode,
            ["StandardOutputContent"] = status == "InProgress" ? "" : command.Output,
            ["StandardErrorContent"] = "",
        }, SsmJson);
    }
}
