using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private const int EbsBlockSize = 512 * 1024;

    private FakeReply Ebs(string action, HttpRequest request, byte[] body)
    {
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return action switch
        {
            "StartSnapshot" => StartSnapshot(body),
            "PutSnapshotBlock" => PutSnapshotBlock(segments[1], segments[3], request, body),
            "CompleteSnapshot" => CompleteSnapshot(segments[2], request),
            _ => throw new AwsFakeException(404, "ResourceNotFoundException", $"No EBS operation at {request.Method} {request.Path}."),
        };
    }

    private FakeReply StartSnapshot(byte[] body)
    {
        var json = JsonNode.Parse(body) as JsonObject ?? throw new AwsFakeException(400, "ValidationException", "Body is not a JSON object.");
        var size = json["VolumeSize"]?.GetValue<long>() ?? throw new AwsFakeException(400, "ValidationException", "VolumeSize is required.");
        var token = json["ClientToken"]?.GetValue<string>();
        FakeSnapshot snapshot;
        lock (_gate)
        {
            snapshot = token is null ? null! : _snapshots.Values.FirstOrDefault(s => s.ClientToken == token)!;
            if (snapshot is null)
            {
                snapshot = new FakeSnapshot
                {
                    Id = NewId("snap"),
                    VolumeSizeGiB = size,
                    ClientToken = token,
                    Description = json["Description"]?.GetValue<string>(),
                };
                foreach (var tag in json["Tags"]?.AsArray() ?? [])
                {
                    snapshot.Tags[tag!["Key"]!.GetValue<string>()] = tag["Value"]?.GetValue<string>() ?? "";
                }

                _snapshots[snapshot.Id] = snapshot;
            }
        }

        return FakeReply.Json(201, new JsonObject
        {
            ["SnapshotId"] = snapshot.Id,
            ["OwnerId"] = AccountId,
            ["Status"] = snapshot.CompletionRequested ? "completed" : snapshot.State,
            ["VolumeSize"] = snapshot.VolumeSizeGiB,
            ["BlockSize"] = EbsBlockSize,
            ["StartTime"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["Description"] = snapshot.Description,
            ["Tags"] = new JsonArray(snapshot.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray()),
        });
    }

    private FakeReply PutSnapshotBlock(string snapshotId, string indexText, HttpRequest request, byte[] body)
    {
        var snapshot = PendingSnapshot(snapshotId);
        if (!long.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= snapshot.VolumeSizeGiB * (1L << 30) / EbsBlockSize)
        {
            throw new AwsFakeException(400, "ValidationException", $"Block index {indexText} is outside the {snapshot.VolumeSizeGiB} GiB volume.");
        }

        if (request.Headers["x-amz-Data-Length"].ToString() != body.Length.ToString(CultureInfo.InvariantCulture) || body.Length != EbsBlockSize)
        {
            throw new AwsFakeException(400, "ValidationException", $"x-amz-Data-Length must equal the body length and the {EbsBlockSize}-byte block size.");
        }

        var checksum = Convert.ToBase64String(SHA256.HashData(body));
        if (request.Headers["x-amz-Checksum-Algorithm"].ToString() != "SHA256" || request.Headers["x-amz-Checksum"].ToString() != checksum)
        {
            throw new AwsFakeException(400, "ValidationException", "INVALID_CHECKSUM: the block's SHA256 checksum does not match.");
        }

        snapshot.Blocks[index] = body;
        return new FakeReply(201, "application/json", "", new Dictionary<string, string>
        {
            ["x-amz-Checksum"] = checksum,
            ["x-amz-Checksum-Algorithm"] = "SHA256",
        });
    }

    private FakeReply CompleteSnapshot(string snapshotId, HttpRequest request)
    {
        var snapshot = PendingSnapshot(snapshotId);
        if (request.Headers["x-amz-ChangedBlocksCount"].ToString() != snapshot.Blocks.Count.ToString(CultureInfo.InvariantCulture))
        {
            throw new AwsFakeException(400, "ValidationException", $"x-amz-ChangedBlocksCount {request.Headers["x-amz-ChangedBlocksCount"]} does not match the {snapshot.Blocks.Count} blocks written.");
        }

        lock (_gate)
        {
            snapshot.CompletionRequested = true;
        }

        return FakeReply.Json(202, new JsonObject { ["Status"] = "pending" });
    }

    private FakeSnapshot PendingSnapshot(string snapshotId)
    {
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(snapshotId, out var snapshot))
            {
                throw new AwsFakeException(404, "ResourceNotFoundException", $"The snapshot '{snapshotId}' does not exist.");
            }

            return snapshot.State == "pending" && !snapshot.CompletionRequested
                ? snapshot
                : throw new AwsFakeException(400, "ValidationException", $"The snapshot '{snapshotId}' is not pending (it is {snapshot.State}).");
        }
    }
}
