using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private readonly Dictionary<string, FakeOperation> _operations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts an asynchronous operation and sets the headers ARM answers with: <c>Azure-AsyncOperation</c>
    /// always, <c>Location</c> for POST and DELETE.</summary>
    private void StartOperation(HttpContext ctx, string providerNamespace, string location, Func<OperationOutcome> complete, bool withLocation)
    {
        var op = new FakeOperation(Guid.NewGuid().ToString(), complete, DateTimeOffset.UtcNow) { PollsLeft = PollsBeforeDone };
        lock (_gate)
        {
            _operations[op.Id] = op;
        }

        var apiVersion = ctx.Request.Query["api-version"].ToString();
        var root = $"https://{ArmHost}/subscriptions/{SubscriptionId}/providers/{providerNamespace}/locations/{location}";
        ctx.Response.Headers["Azure-AsyncOperation"] = $"{root}/operations/{op.Id}?api-version={apiVersion}";
        if (withLocation)
        {
            ctx.Response.Headers.Location = $"{root}/operations/{op.Id}?monitor=true&api-version={apiVersion}";
        }
    }

    private async Task HandleOperationAsync(HttpContext ctx, string operationId)
    {
        _calls.AddOrUpdate("AsyncOperation_Get", 1, (_, n) => n + 1);
        FakeOperation? op;
        lock (_gate)
        {
            op = _operations.GetValueOrDefault(operationId);
            if (op is not null && op.Status == "InProgress")
            {
                if (op.PollsLeft > 0)
                {
                    op.PollsLeft--;
                }
                else
                {
                    var outcome = op.Complete();
                    op.Status = outcome.Error is null ? "Succeeded" : "Failed";
                    op.Outcome = outcome;
                }
            }
        }

        if (op is null)
        {
            await ArmErrorAsync(ctx, 404, "NotFound", $"The operation {operationId} was not found.");
            return;
        }

        if (ctx.Request.Query["monitor"] == "true")
        {
            await MonitorAsync(ctx, op);
            return;
        }

        var body = new JsonObject
        {
            ["startTime"] = op.Started.ToString("O"),
            ["status"] = op.Status,
            ["name"] = op.Id,
        };
        if (op.Status != "InProgress")
        {
            body["endTime"] = DateTimeOffset.UtcNow.ToString("O");
        }

        if (op.Outcome?.Result is { } result)
        {
            body["properties"] = new JsonObject { ["output"] = result.DeepClone() };
        }

        if (op.Outcome?.Error is { } error)
        {
            body["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        }

        await JsonAsync(ctx, 200, body);
    }

    private static async Task MonitorAsync(HttpContext ctx, FakeOperation op)
    {
        switch (op.Status)
        {
            case "InProgress":
                ctx.Response.Headers.Location = ctx.Request.GetEncodedUrlWithHost();
                await JsonAsync(ctx, 202, null);
                break;
            case "Failed":
                await ArmErrorAsync(ctx, 400, op.Outcome!.Error!.Value.Code, op.Outcome.Error.Value.Message);
                break;
            default:
                await JsonAsync(ctx, op.Outcome?.Result is null ? 204 : 200, op.Outcome?.Result?.DeepClone());
                break;
        }
    }

    private sealed class FakeOperation(string id, Func<OperationOutcome> complete, DateTimeOffset started)
    {
        public string Id { get; } = id;

        public Func<OperationOutcome> Complete { get; } = complete;

        public DateTimeOffset Started { get; } = started;

        public int PollsLeft { get; set; }

        public string Status { get; set; } = "InProgress";

        public OperationOutcome? Outcome { get; set; }
    }

    private sealed record OperationOutcome(JsonNode? Result = null, (string Code, string Message)? Error = null);
}

internal static class FakeRequestExtensions
{
    /// <summary>The request's URL as the client sent it (https and its original host), not as Kestrel saw it.</summary>
    public static string GetEncodedUrlWithHost(this HttpRequest request) =>
        $"https://{request.Host.Value}{request.Path}{request.QueryString}";
}
