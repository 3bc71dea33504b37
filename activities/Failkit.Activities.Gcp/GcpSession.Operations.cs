using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

public sealed partial class GcpSession
{
    /// <summary>Waits for a long-running operation with the server-side <c>wait</c> call (it returns at DONE or after
    /// about two minutes), and turns an operation error into a <see cref="CloudOperationException"/>.</summary>
    private async Task<JsonObject> WaitAsync(JsonObject operation, string? requestId, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + _options.EffectiveOperationTimeout;
        while ((string?)operation["status"] != "DONE")
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new CloudOperationException(
                    $"operation {(string?)operation["name"]} ({(string?)operation["operationType"]}) is still {(string?)operation["status"]} after {_options.EffectiveOperationTimeout}",
                    "operationTimeout", requestId ?? (string?)operation["name"]);
            }

            operation = await rest.SendAsync(HttpMethod.Post, new Uri(OperationLink(operation) + "/wait"), null, ct, requestId)
                ?? throw new CloudOperationException("Compute Engine answered an operation wait with nothing");
        }

        if (operation["error"]?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var first = errors[0]!;
            var messages = string.Join("; ", errors.Select(e => $"{(string?)e?["code"]}: {(string?)e?["message"]}"));
            throw new CloudOperationException(
                $"operation {(string?)operation["name"]} ({(string?)operation["operationType"]} of {(string?)operation["targetLink"]}) failed: {messages}",
                (string?)first["code"], requestId ?? (string?)operation["name"]);
        }

        return operation;
    }

    private string OperationLink(JsonObject operation)
    {
        if ((string?)operation["selfLink"] is { Length: > 0 } self)
        {
            return ComputeLink(self).ToString();
        }

        var name = (string?)operation["name"] ?? throw new CloudOperationException("Compute Engine returned an operation without a name");
        var scope = (string?)operation["zone"] is { Length: > 0 } zone ? $"zones/{zone[(zone.LastIndexOf('/') + 1)..]}"
            : (string?)operation["region"] is { Length: > 0 } region ? $"regions/{region[(region.LastIndexOf('/') + 1)..]}"
            : "global";
        return Compute($"{scope}/operations/{name}").ToString();
    }
}
