using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Resources;
using Azure.Storage.Blobs.Models;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

internal sealed partial class AzureSession
{
    /// <summary>Teardown order: a VM holds its disks and NICs, and Azure refuses to delete either while it does.</summary>
    private static readonly string[][] Stages = [["instance"], ["nic", "ip"], ["disk", "snapshot", "image"]];

    public async Task<IReadOnlyList<CloudResource>> SweepAsync(string drillTagValue, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(drillTagValue);
        var filter = $"tagName eq '{DrillTags.Key}' and tagValue eq '{drillTagValue.Replace("'", "''", StringComparison.Ordinal)}'";
        var found = await CallAsync("list the drill's resources by tag", async c =>
        {
            var list = new List<CloudResource>();
            await foreach (var r in _subscription.GetGenericResourcesAsync(filter, cancellationToken: c))
            {
                list.Add(new CloudResource(TypeOf(r.Data.ResourceType), r.Id.ToString(), r.Data.Name));
            }

            return list;
        }, ct);

        // Import blobs are not ARM resources: they carry the drill tag in their metadata.
        var blobs = await CallAsync("list the drill's import blobs", async c =>
        {
            var list = new List<CloudResource>();
            try
            {
                await foreach (var b in _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, c))
                {
                    if (b.Metadata.TryGetValue(BlobDrillKey, out var v) && v == drillTagValue)
                    {
                        list.Add(new CloudResource("blob", _container.GetBlobClient(b.Name).Uri.ToString(), b.Name));
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == "ContainerNotFound")
            {
            }

            return list;
        }, ct);
        return [.. found, .. blobs];
    }

    public async Task<TeardownReport> TeardownAsync(string drillTagValue, CancellationToken ct)
    {
        var resources = await SweepAsync(drillTagValue, ct);
        var deleted = new ConcurrentQueue<CloudResource>();
        var failures = new ConcurrentQueue<TeardownFailure>();
        var requestIds = new ConcurrentQueue<string>();
        var known = Stages.SelectMany(s => s).ToHashSet();
        IEnumerable<string[]> stages = [.. Stages, [.. resources.Select(r => r.Type).Where(t => !known.Contains(t)).Distinct()]];
        foreach (var stage in stages)
        {
            await Task.WhenAll(resources.Where(r => stage.Contains(r.Type)).Select(async r =>
            {
                try
                {
                    if (await DeleteAsync(r, ct) is { } id)
                    {
                        requestIds.Enqueue(id);
                    }

                    deleted.Enqueue(r);
                }
                catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
                {
                    failures.Enqueue(new TeardownFailure(r, ex.Message));
                    if (ex is CloudOperationException { RequestId: { } id })
                    {
                        requestIds.Enqueue(id);
                    }
                }
            }));
        }

        return new TeardownReport([.. deleted], [.. failures], [.. requestIds]);
    }

    private Task<string?> DeleteAsync(CloudResource resource, CancellationToken ct)
    {
        var id = new ResourceIdentifier(resource.Id);
        return resource.Type switch
        {
            "instance" => CallAsync($"delete VM {resource.Name}", async c =>
                await CompleteAsync(await _arm.GetVirtualMachineResource(id).DeleteAsync(WaitUntil.Started, cancellationToken: c), c), ct),
            "disk" => CallAsync($"delete disk {resource.Name}", async c =>
                await CompleteAsync(await _arm.GetManagedDiskResource(id).DeleteAsync(WaitUntil.Started, c), c), ct),
            "blob" => CallAsync($"delete blob {resource.Name}", async c =>
                (await _container.GetBlobClient(resource.Name).DeleteIfExistsAsync(cancellationToken: c)).GetRawResponse().Headers.RequestId, ct),
            _ => CallAsync($"delete {resource.Type} {resource.Name}", async c =>
                await CompleteAsync(await _arm.GetGenericResource(id).DeleteAsync(WaitUntil.Started, c), c), ct),
        };
    }

    private static string TypeOf(ResourceType type) => type.ToString().ToLowerInvariant() switch
    {
        "microsoft.compute/virtualmachines" => "instance",
        "microsoft.compute/disks" => "disk",
        "microsoft.compute/snapshots" => "snapshot",
        "microsoft.compute/images" => "image",
        "microsoft.network/networkinterfaces" => "nic",
        "microsoft.network/publicipaddresses" => "ip",
        var other => other,
    };
}
