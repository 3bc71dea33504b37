using Azure;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

internal sealed partial class AzureSession
{
    private const int PageSize = 512;
    private const int MaxPutPagesBytes = 4 << 20;

    public async Task<CloudDisk> HydrateAsync(HydrateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var image = request.Disk;
        if (image.BlockSize <= 0 || image.BlockSize % PageSize != 0 || image.SizeBytes <= 0)
        {
            throw new ArgumentException($"Disk {image.DiskName}: the block size ({image.BlockSize}) must be a positive multiple of 512 and the size positive.", nameof(request));
        }

        var diskName = AzureNames.For("disk", request.VmName, request.IdempotencyKey);
        var disks = _group.GetManagedDisks();
        var requestIds = new List<string>();

        // A step retried after a crash finds the disk the first attempt imported and does not upload again.
        var existing = await CallAsync("read the drill disk", c => OrNullWhenMissingAsync(() => disks.GetAsync(diskName, c)), ct);
        if (existing?.Data.ProvisioningState == "Succeeded")
        {
            return new CloudDisk(existing.Id.ToString(), "managed-disk", requestIds);
        }

        var blob = _container.GetPageBlobClient($"{diskName}.vhd");
        await UploadVhdAsync(request, blob, requestIds, ct);

        var data = new ManagedDiskData(new AzureLocation(_account.Region))
        {
            CreationData = new DiskCreationData(DiskCreateOption.Import)
            {
                SourceUri = blob.Uri,
                StorageAccountId = new ResourceIdentifier(_settings.StorageAccountId),
            },
            OSType = _settings.OsType == "Windows" ? SupportedOperatingSystemType.Windows : SupportedOperatingSystemType.Linux,
        };
        foreach (var (k, v) in TagsFor(request.DrillTagValue, request.VmName, request.Tags))
        {
            data.Tags[k] = v;
        }

        // The blob stays until teardown (which finds it by metadata): deleting it here would save little and leave a
        // retried import without its source.
        var (disk, requestId) = await CallAsync("import the drill disk from its page blob", async c =>
            await CompleteAsync(await disks.CreateOrUpdateAsync(WaitUntil.Started, diskName, data, c), c), ct);
        AddId(requestIds, requestId);

        return new CloudDisk(disk.Id.ToString(), "managed-disk", requestIds);
    }

    /// <summary>Writes the disk's non-zero blocks as a fixed VHD: pages at their own offsets (coalesced up to the
    /// 4 MiB Put Page limit), then the footer after the 1 MiB-aligned virtual size. Unwritten pages read as zeros.</summary>
    private async Task UploadVhdAsync(HydrateRequest request, PageBlobClient blob, List<string> requestIds, CancellationToken ct)
    {
        var image = request.Disk;
        var virtualSize = VhdFooter.VirtualSizeFor(image.SizeBytes);
        await CallAsync("create the drill blob container", c => _container.CreateIfNotExistsAsync(cancellationToken: c), ct);
        var metadata = new Dictionary<string, string> { [BlobDrillKey] = request.DrillTagValue, [BlobVmKey] = request.VmName };
        var created = await CallAsync("create the import page blob", c =>
            blob.CreateAsync(virtualSize + VhdFooter.Size, new PageBlobCreateOptions { Metadata = metadata }, c), ct);
        AddId(requestIds, created.GetRawResponse().Headers.RequestId);

        var run = new byte[MaxPutPagesBytes];
        var runStart = 0L;
        var runLength = 0;
        await foreach (var block in image.ReadBlocks(ct).WithCancellation(ct))
        {
            var offset = block.Index * image.BlockSize;
            if (block.Index < 0 || block.Data.Length > image.BlockSize || offset + block.Data.Length > image.SizeBytes)
            {
                throw new ArgumentException($"Disk {image.DiskName}: block {block.Index} lies outside the disk.", nameof(request));
            }

            for (var done = 0; done < image.BlockSize;)
            {
                if (runLength > 0 && (runStart + runLength != offset + done || runLength == MaxPutPagesBytes))
                {
                    await PutPagesAsync(blob, run, runStart, runLength, ct);
                    runLength = 0;
                }

                if (runLength == 0)
                {
                    runStart = offset + done;
                    Array.Clear(run);
                }

                var take = Math.Min(image.BlockSize - done, MaxPutPagesBytes - runLength);
                var available = Math.Clamp(block.Data.Length - done, 0, take);
                block.Data.Span.Slice(done, available).CopyTo(run.AsSpan(runLength));
                runLength += take;
                done += take;
            }
        }

        if (runLength > 0)
        {
            await PutPagesAsync(blob, run, runStart, runLength, ct);
        }

        var footer = VhdFooter.Build(virtualSize, AzureNames.StableGuid(request.IdempotencyKey), _time.GetUtcNow());
        await PutPagesAsync(blob, footer, virtualSize, footer.Length, ct);
    }

    private Task<Response<PageInfo>> PutPagesAsync(PageBlobClient blob, byte[] buffer, long offset, int length, CancellationToken ct) =>
        CallAsync("upload pages to the import blob", async c =>
        {
            // A fresh stream per attempt: a throttled attempt may have read part of the previous one.
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            return await blob.UploadPagesAsync(content, offset, cancellationToken: c);
        }, ct);

    private static void AddId(List<string> ids, string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            ids.Add(id);
        }
    }
}
