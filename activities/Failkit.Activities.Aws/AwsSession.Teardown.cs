using Amazon.EC2.Model;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

public sealed partial class AwsSession
{
    private const int TerminateBatch = 100;

    public async Task<TeardownReport> TeardownAsync(string drillTagValue, CancellationToken ct)
    {
        var deleted = new List<CloudResource>();
        var failures = new List<TeardownFailure>();
        var requestIds = new List<string>();
        foreach (var kind in Kinds)
        {
            List<CloudResource> found;
            try
            {
                found = await ListAsync(kind, drillTagValue, requestIds, ct);
            }
            catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
            {
                failures.Add(new TeardownFailure(new CloudResource(kind, "*"), Describe(ex)));
                continue;
            }

            if (kind == "instance")
            {
                await TerminateAsync(found, deleted, failures, requestIds, ct);
                continue;
            }

            foreach (var resource in found)
            {
                try
                {
                    Add(requestIds, await DeleteAsync(resource, ct));
                    deleted.Add(resource);
                }
                catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
                {
                    failures.Add(new TeardownFailure(resource, Describe(ex)));
                }
            }
        }

        return new TeardownReport(deleted, failures, requestIds);
    }

    private async Task<string?> DeleteAsync(CloudResource resource, CancellationToken ct)
    {
        Amazon.Runtime.AmazonWebServiceResponse response = resource.Type switch
        {
            "nic" => await CallAsync("DeleteNetworkInterface", c => _ec2.DeleteNetworkInterfaceAsync(new DeleteNetworkInterfaceRequest { NetworkInterfaceId = resource.Id }, c), ct),
            "ip" => await CallAsync("ReleaseAddress", c => _ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = resource.Id }, c), ct),
            "disk" => await CallAsync("DeleteVolume", c => _ec2.DeleteVolumeAsync(new DeleteVolumeRequest { VolumeId = resource.Id }, c), ct),
            "image" => await CallAsync("DeregisterImage", c => _ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = resource.Id }, c), ct),
            "snapshot" => await CallAsync("DeleteSnapshot", c => _ec2.DeleteSnapshotAsync(new DeleteSnapshotRequest { SnapshotId = resource.Id }, c), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(resource), resource.Type, null),
        };
        return response.ResponseMetadata?.RequestId;
    }

    /// <summary>Terminates in batches, then waits: NICs and delete-on-termination volumes only go away once the
    /// instance is terminated, and a volume still attached cannot be deleted.</summary>
    private async Task TerminateAsync(List<CloudResource> instances, List<CloudResource> deleted, List<TeardownFailure> failures,
        List<string> requestIds, CancellationToken ct)
    {
        var waiting = new List<CloudResource>();
        foreach (var batch in instances.Chunk(TerminateBatch))
        {
            try
            {
                await TerminateBatchAsync(batch, requestIds, ct);
                waiting.AddRange(batch);
            }
            catch (Exception batchError) when (batchError is CloudOperationException or CloudThrottledException && batch.Length > 1)
            {
                // EC2 refuses a whole batch for one bad instance; one by one, the others still go.
                foreach (var instance in batch)
                {
                    try
                    {
                        await TerminateBatchAsync([instance], requestIds, ct);
                        waiting.Add(instance);
                    }
                    catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
                    {
                        failures.Add(new TeardownFailure(instance, Describe(ex)));
                    }
                }
            }
            catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
            {
                failures.Add(new TeardownFailure(batch[0], Describe(ex)));
            }
        }

        var deadline = _time.GetUtcNow() + _options.TerminationTimeout;
        while (waiting.Count > 0)
        {
            DescribeInstancesResponse response;
            try
            {
                response = await CallAsync("DescribeInstances", c => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = waiting.Select(i => i.Id).ToList() }, c), ct);
            }
            catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
            {
                failures.AddRange(waiting.Select(i => new TeardownFailure(i, $"termination not confirmed: {Describe(ex)}")));
                break;
            }

            var states = response.Reservations?.SelectMany(r => r.Instances ?? []).ToDictionary(i => i.InstanceId, i => i.State?.Name?.Value) ?? [];
            var done = waiting.Where(i => !states.TryGetValue(i.Id, out var state) || state == "terminated").ToList();
            deleted.AddRange(done);
            waiting.RemoveAll(done.Contains);
            if (waiting.Count == 0)
            {
                break;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                failures.AddRange(waiting.Select(i => new TeardownFailure(i, $"still {states.GetValueOrDefault(i.Id)} after {_options.TerminationTimeout}")));
                break;
            }

            await DelayAsync(ct);
        }
    }

    private async Task TerminateBatchAsync(CloudResource[] batch, List<string> requestIds, CancellationToken ct)
    {
        var response = await CallAsync("TerminateInstances", c => _ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = batch.Select(i => i.Id).ToList() }, c), ct);
        Add(requestIds, response.ResponseMetadata?.RequestId);
    }

    private static string Describe(Exception ex) =>
        ex is CloudOperationException { RequestId: { } id } ? $"{ex.Message} (request {id})" : ex.Message;
}
