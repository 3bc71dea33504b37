using Amazon.EC2;
using Amazon.EC2.Model;
using Failkit.Drills.Cloud;
using DiskImage = Failkit.Drills.Cloud.DiskImage;

namespace Failkit.Activities.Aws;

public sealed partial class AwsSession
{
    private const string IdempotencyTag = "failkit-idempotency";
    private const string RootDevice = "/dev/xvda";
    private const long GiB = 1L << 30;

    /// <summary>Blocks → EBS snapshot (EBS direct APIs) → AMI. Each stage is idempotent on the key: the AMI is found by
    /// its derived name, the snapshot by StartSnapshot's ClientToken, and rewriting a block is harmless.</summary>
    public async Task<CloudDisk> HydrateAsync(HydrateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requestIds = new List<string>();
        var name = ClientTokens.ImageName(request.IdempotencyKey);
        if (await FindImageAsync(name, requestIds, ct) is { } existing)
        {
            return new CloudDisk(existing, "image", requestIds);
        }

        var tags = TagsFor(request.DrillTagValue, request.VmName, request.Tags);
        tags[IdempotencyTag] = name;
        var sizeGiB = Math.Max(1, (request.Disk.SizeBytes + GiB - 1) / GiB);
        var snapshot = await _calls.RunAsync(c => _ebs.StartSnapshotAsync(ClientTokens.For(request.IdempotencyKey), sizeGiB,
            $"Failkit drill {request.DrillTagValue}: {request.VmName}/{request.Disk.DiskName}", tags, c), ct);
        Add(requestIds, snapshot.RequestId);
        if (snapshot.Status == "pending")
        {
            var changed = await WriteBlocksAsync(snapshot.SnapshotId, request.Disk, requestIds, ct);
            var (_, completeId) = await _calls.RunAsync(c => _ebs.CompleteSnapshotAsync(snapshot.SnapshotId, changed, c), ct);
            Add(requestIds, completeId);
        }

        await WaitForSnapshotAsync(snapshot.SnapshotId, requestIds, ct);
        return new CloudDisk(await RegisterImageAsync(name, snapshot.SnapshotId, tags, requestIds, ct), "image", requestIds);
    }

    private async Task<int> WriteBlocksAsync(string snapshotId, DiskImage disk, List<string> requestIds, CancellationToken ct)
    {
        var inFlight = new List<Task<string?>>();
        Task<string?>? first = null;
        Task<string?>? last = null;
        var changed = 0;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await foreach (var (index, data) in EbsBlocks.SplitAsync(disk, abort.Token))
            {
                if (inFlight.Count >= Math.Max(1, _options.BlockUploadParallelism))
                {
                    var done = await Task.WhenAny(inFlight);
                    inFlight.Remove(done);
                    await done;
                }

                var put = _calls.RunAsync(c => _ebs.PutSnapshotBlockAsync(snapshotId, index, data, c), abort.Token);
                first ??= put;
                last = put;
                inFlight.Add(put);
                changed++;
            }

            await Task.WhenAll(inFlight);
        }
        catch (Exception) when (inFlight.Count > 0)
        {
            // The first failure is the one to report; the uploads still running are stopped, not left unobserved.
            await abort.CancelAsync();
            await ((Task)Task.WhenAll(inFlight)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // One id per block would swamp the report; the first and last show the upload happened.
        if (first is not null)
        {
            Add(requestIds, await first);
            Add(requestIds, last == first ? null : await last!);
        }

        return changed;
    }

    private async Task WaitForSnapshotAsync(string snapshotId, List<string> requestIds, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + _options.SnapshotTimeout;
        while (true)
        {
            var response = await CallAsync("DescribeSnapshots", c => _ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { SnapshotIds = [snapshotId] }, c), ct);
            var state = response.Snapshots?.FirstOrDefault()?.State;
            if (state == SnapshotState.Completed)
            {
                Add(requestIds, response.ResponseMetadata?.RequestId);
                return;
            }

            if (state == SnapshotState.Error)
            {
                throw new CloudOperationException($"Snapshot {snapshotId} failed: {response.Snapshots![0].StateMessage}", "SnapshotError", response.ResponseMetadata?.RequestId);
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw new CloudOperationException($"Snapshot {snapshotId} was not completed within {_options.SnapshotTimeout}.", "SnapshotTimeout", response.ResponseMetadata?.RequestId);
            }

            await DelayAsync(ct);
        }
    }

    private async Task<string> RegisterImageAsync(string name, string snapshotId, Dictionary<string, string> tags, List<string> requestIds, CancellationToken ct)
    {
        var request = new RegisterImageRequest
        {
            Name = name,
            Description = $"Failkit drill {tags[DrillTags.Key]}: {tags[DrillTags.VmKey]}",
            Architecture = ArchitectureValues.FindValue(_settings.Architecture),
            RootDeviceName = RootDevice,
            VirtualizationType = "hvm",
            EnaSupport = true,
            BlockDeviceMappings = [new BlockDeviceMapping { DeviceName = RootDevice, Ebs = new EbsBlockDevice { SnapshotId = snapshotId, DeleteOnTermination = true, VolumeType = VolumeType.Gp3 } }],
            TagSpecifications = [Spec(ResourceType.Image, tags)],
        };
        try
        {
            var response = await CallAsync("RegisterImage", c => _ec2.RegisterImageAsync(request, c), ct);
            Add(requestIds, response.ResponseMetadata?.RequestId);
            return response.ImageId;
        }
        catch (CloudOperationException ex) when (ex.ErrorCode == "InvalidAMIName.Duplicate")
        {
            // A concurrent or crashed attempt registered it between our lookup and this call.
            var registered = await FindImageAsync(name, requestIds, ct);
            if (registered is null)
            {
                throw;
            }

            return registered;
        }
    }

    private async Task<string?> FindImageAsync(string name, List<string> requestIds, CancellationToken ct)
    {
        var response = await CallAsync("DescribeImages", c => _ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Owners = ["self"],
            Filters = [new Filter("name", [name])],
        }, c), ct);
        var image = response.Images?.FirstOrDefault(i => i.State == ImageState.Available || i.State == ImageState.Pending);
        if (image is not null)
        {
            Add(requestIds, response.ResponseMetadata?.RequestId);
        }

        return image?.ImageId;
    }

    private static TagSpecification Spec(ResourceType type, Dictionary<string, string> tags) =>
        new() { ResourceType = type, Tags = tags.Select(t => new Tag(t.Key, t.Value)).ToList() };

    private static void Add(List<string> ids, string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            lock (ids)
            {
                ids.Add(id);
            }
        }
    }
}
