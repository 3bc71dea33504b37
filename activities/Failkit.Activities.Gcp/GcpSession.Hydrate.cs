using System.Net;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

public sealed partial class GcpSession
{
    public async Task<CloudDisk> HydrateAsync(HydrateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = GcpNames.Resource(request.VmName + "-" + request.Disk.DiskName, request.IdempotencyKey);
        var requestId = GcpNames.RequestId("images.insert", request.IdempotencyKey);
        var link = $"projects/{settings.ProjectId}/global/images/{name}";
        var requestIds = new List<string> { requestId };

        // A retry after the image finished has nothing left to do; one that crashed mid-way re-inserts with the same
        // requestId, which GCE answers with the original operation.
        var existing = await rest.SendAsync(HttpMethod.Get, Compute($"global/images/{name}"), null, ct, notFoundIsNull: true);
        if ((string?)existing?["status"] == "READY")
        {
            return new CloudDisk(link, "image", requestIds);
        }

        var objectName = GcpNames.StagingPrefix(request.DrillTagValue) + name + ".tar.gz";
        if (existing is null)
        {
            await UploadAsync(request.Disk, objectName, ct);
        }

        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"Failkit drill {request.DrillTagValue}: {request.VmName}/{request.Disk.DiskName}",
            ["rawDisk"] = new JsonObject { ["source"] = $"https://storage.googleapis.com/{settings.StagingBucket}/{objectName}" },
            ["labels"] = Labels(request.DrillTagValue, request.VmName, request.Tags),
        };
        try
        {
            var operation = await rest.SendAsync(HttpMethod.Post, Compute($"global/images?requestId={requestId}"), body, ct, requestId);
            operation = await WaitAsync(operation!, requestId, ct);
            requestIds.Add((string?)operation["name"] ?? requestId);
        }
        catch (CloudOperationException ex) when (ex.ErrorCode == "alreadyExists")
        {
            // Past GCE's requestId window the retry meets the image by name; it is ours (the name hashes the key).
            await WaitForImageAsync(name, ct);
        }

        try
        {
            await DeleteObjectAsync(objectName, ct);
        }
        catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException or HttpRequestException)
        {
            // The image is ready, which is what the drill needs; teardown deletes the drill's staging prefix.
        }

        return new CloudDisk(link, "image", requestIds);
    }

    private async Task UploadAsync(DiskImage disk, string objectName, CancellationToken ct)
    {
        var uri = Storage($"upload/storage/v1/b/{Uri.EscapeDataString(settings.StagingBucket)}/o?uploadType=media&name={Uri.EscapeDataString(objectName)}");
        await rest.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new TarballContent(disk, _options.RawDiskGranularity, ct) }, ct, timeout: Timeout.InfiniteTimeSpan);
    }

    private async Task<bool> DeleteObjectAsync(string objectName, CancellationToken ct)
    {
        var uri = Storage($"storage/v1/b/{Uri.EscapeDataString(settings.StagingBucket)}/o/{Uri.EscapeDataString(objectName)}");
        return await rest.SendAsync(HttpMethod.Delete, uri, null, ct, notFoundIsNull: true) is not null;
    }

    private async Task WaitForImageAsync(string name, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + _options.EffectiveOperationTimeout;
        while (true)
        {
            var image = await rest.SendAsync(HttpMethod.Get, Compute($"global/images/{name}"), null, ct);
            switch ((string?)image?["status"])
            {
                case "READY":
                    return;
                case "FAILED" or "DELETING":
                    throw new CloudOperationException($"image {name} is {(string?)image?["status"]}", (string?)image?["status"]);
                default:
                    if (time.GetUtcNow() > deadline)
                    {
                        throw new CloudOperationException($"image {name} is not READY after {_options.EffectiveOperationTimeout}", "operationTimeout");
                    }

                    await Task.Delay(TimeSpan.FromSeconds(2), time, ct);
                    break;
            }
        }
    }

    /// <summary>The tarball as a request body, produced while it is sent (chunked, no length known up front).</summary>
    private sealed class TarballContent(DiskImage disk, long granularity, CancellationToken ct) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            DiskTarball.WriteAsync(disk, granularity, stream, ct);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            DiskTarball.WriteAsync(disk, granularity, stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
