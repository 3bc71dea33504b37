using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

/// <summary>The three EBS direct APIs a hydrate needs, over REST, because AWSSDK.EBS is not on the package mirror.
/// Requests are signed with AWSSDK.Core's SigV4 primitives and the assumed role's credentials.</summary>
internal sealed partial class EbsDirectClient(HttpClient http, Uri endpoint, string region, AWSCredentials credentials, TimeProvider time)
{
    public const int BlockSize = 512 * 1024;

    private const string Service = "ebs";

    public sealed record Snapshot(string SnapshotId, string Status, string? RequestId);

    public async Task<Snapshot> StartSnapshotAsync(string clientToken, long volumeSizeGiB, string description,
        IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["ClientToken"] = clientToken,
            ["VolumeSize"] = volumeSizeGiB,
            ["Description"] = description,
            ["Timeout"] = 60,
            ["Tags"] = new JsonArray(tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray()),
        };
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(HttpMethod.Post, "/snapshots", content, [], "StartSnapshot", ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject
            ?? throw new CloudOperationException("StartSnapshot returned no JSON object.", null, RequestId(response));
        return new Snapshot(
            json["SnapshotId"]?.GetValue<string>() ?? throw new CloudOperationException("StartSnapshot returned no SnapshotId.", null, RequestId(response)),
            json["Status"]?.GetValue<string>() ?? "pending",
            RequestId(response));
    }

    public async Task<string?> PutSnapshotBlockAsync(string snapshotId, long blockIndex, byte[] data, CancellationToken ct)
    {
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-amz-checksum"] = Convert.ToBase64String(SHA256.HashData(data)),
            ["x-amz-checksum-algorithm"] = "SHA256",
            ["x-amz-data-length"] = data.Length.ToString(CultureInfo.InvariantCulture),
        };
        var path = $"/snapshots/{Uri.EscapeDataString(snapshotId)}/blocks/{blockIndex.ToString(CultureInfo.InvariantCulture)}";
        using var response = await SendAsync(HttpMethod.Put, path, content, headers, "PutSnapshotBlock", ct);
        return RequestId(response);
    }

    public async Task<(string Status, string? RequestId)> CompleteSnapshotAsync(string snapshotId, int changedBlocks, CancellationToken ct)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-amz-changedblockscount"] = changedBlocks.ToString(CultureInfo.InvariantCulture),
        };
        using var response = await SendAsync(HttpMethod.Post, $"/snapshots/completion/{Uri.EscapeDataString(snapshotId)}", null, headers, "CompleteSnapshot", ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        return (json?["Status"]?.GetValue<string>() ?? "pending", RequestId(response));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content,
        SortedDictionary<string, string> amzHeaders, string operation, CancellationToken ct)
    {
        var uri = new Uri(endpoint, path);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        await SignAsync(request, content is null ? [] : await content.ReadAsByteArrayAsync(ct), amzHeaders);
        var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(operation, response, ct);
        }
    }

    private static async Task<Exception> ErrorAsync(string operation, HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        string? message = null;
        try
        {
            message = JsonNode.Parse(body)?["Message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            message = body.Length > 200 ? body[..200] : body;
        }

        // x-amzn-ErrorType may carry a ":http://..." suffix naming the shape's namespace.
        var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : null;
        code ??= $"Http{(int)response.StatusCode}";
        if (AwsErrors.IsThrottling(code, response.StatusCode) || response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new CloudThrottledException($"{operation} was throttled ({code}).", retryAfter);
        }

        return new CloudOperationException($"{operation} failed: {code}: {message}", code, RequestId(response));
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
}
