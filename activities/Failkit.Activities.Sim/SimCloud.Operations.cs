using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim;

public sealed partial class SimCloud
{
    /// <summary>How long (real time on the cloud's clock) a terminated instance stays describable.</summary>
    public static readonly TimeSpan TerminatedRetention = TimeSpan.FromHours(1);

    /// <summary>Starts a disk, or returns the one the same idempotency key already started.</summary>
    internal (SimDisk Disk, string RequestId) CreateDisk(HydrateRequest request, IReadOnlyDictionary<string, string> tags)
    {
        Admit(SimOperations.CreateDisk, request.IdempotencyKey, request.VmName);
        var requestId = NextRequestId();
        var image = request.Disk;
        if (image.BlockSize <= 0 || image.SizeBytes <= 0)
        {
            throw Error("InvalidParameterValue", $"disk {image.DiskName} has size {image.SizeBytes} and block size {image.BlockSize}", requestId);
        }

        lock (_lock)
        {
            if (_disksByKey.TryGetValue(request.IdempotencyKey, out var existing))
            {
                return (existing, requestId);
            }

            var disk = new SimDisk(NextId("vol"), request.VmName, tags, request.IdempotencyKey, image.SizeBytes, image.BlockSize);
            _disksByKey[request.IdempotencyKey] = disk;
            _resources[disk.Id] = disk;
            return (disk, requestId);
        }
    }

    /// <summary>Seals a disk's blocks; it becomes usable once its sampled hydrate latency has elapsed.</summary>
    internal string CompleteDisk(SimDisk disk, long blocks, long bytes, string sha256, DateTimeOffset readyAt)
    {
        var requestId = NextRequestId();
        lock (_lock)
        {
            if (disk.State == SimDiskState.Complete)
            {
                return requestId;
            }

            disk.BlocksWritten = blocks;
            disk.BytesWritten = bytes;
            disk.ContentSha256 = sha256;
            disk.ReadyAt = readyAt;
            disk.State = SimDiskState.Complete;
        }

        return requestId;
    }

    internal (SimInstance Instance, string RequestId) RunInstances(LaunchRequest request, IReadOnlyDictionary<string, string> tags)
    {
        Admit(SimOperations.RunInstances, request.IdempotencyKey, request.VmName);
        var requestId = NextRequestId();
        var now = Time.GetUtcNow();
        lock (_lock)
        {
            // Like EC2's ClientToken: the same key returns the same instance, whatever the rest of the request says.
            if (_instancesByKey.TryGetValue(request.IdempotencyKey, out var existing))
            {
                return (existing, requestId);
            }

            CheckLaunchable(request, now, requestId);
            var live = _resources.Values.OfType<SimInstance>().Count(i => !i.Terminated);
            if (live >= Settings.MaxInstances)
            {
                throw Error("InstanceLimitExceeded", $"the account runs {live} instances and its quota (quotas.maxInstances) is {Settings.MaxInstances}", requestId);
            }

            var id = NextId("i");
            var instance = new SimInstance(
                id, request.VmName, tags, request.IdempotencyKey, request.InstanceType, NextAddress(), now,
                SimSampler.For(Settings, request.VmName), [.. request.Disks.Select(d => d.Id)]);
            var nic = new SimResource("nic", NextId("eni"), request.VmName, tags) { AttachedTo = id };
            var ip = new SimResource("ip", NextId("eipalloc"), request.VmName, tags) { AttachedTo = id };
            foreach (var resource in new[] { instance, nic, ip })
            {
                _resources[resource.Id] = resource;
            }

            foreach (var diskId in instance.DiskIds)
            {
                _resources[diskId].AttachedTo = id;
            }

            _instancesByKey[request.IdempotencyKey] = instance;
            return (instance, requestId);
        }
    }

    internal (SimInstance Instance, string RequestId) DescribeInstance(string instanceId)
    {
        Admit(SimOperations.DescribeInstances, instanceId, VmOf(instanceId));
        var requestId = NextRequestId();
        return (Peek(instanceId, requestId), requestId);
    }

    /// <summary>Reads an instance without an API call (what a direct HTTP/TCP probe can tell from the network).</summary>
    internal SimInstance Peek(string instanceId, string? requestId = null)
    {
        lock (_lock)
        {
            return _resources.GetValueOrDefault(instanceId) as SimInstance
                ?? throw Error("InvalidInstanceID.NotFound", $"the instance {instanceId} does not exist", requestId ?? NextRequestId());
        }
    }

    internal (IReadOnlyList<SimResource> Resources, string RequestId) ListTagged(string drillTagValue)
    {
        Admit(SimOperations.DescribeResources, drillTagValue, null);
        lock (_lock)
        {
            ForgetOldTerminated();
            return ([.. _resources.Values.Where(r => r.Tags.GetValueOrDefault(DrillTags.Key) == drillTagValue && r is not SimInstance { Terminated: true })],
                NextRequestId());
        }
    }

    internal string Delete(SimResource resource)
    {
        Admit(SimOperations.DeleteResource, resource.Id, resource.VmName);
        var requestId = NextRequestId();
        lock (_lock)
        {
            if (!_resources.ContainsKey(resource.Id))
            {
                return requestId;
            }

            if (resource.AttachedTo is { } owner && _resources.GetValueOrDefault(owner) is SimInstance { Terminated: false })
            {
                throw Error(resource.Type == "disk" ? "VolumeInUse" : "InvalidNetworkInterface.InUse", $"the {resource.Type} {resource.Id} is attached to the running instance {owner}", requestId);
            }

            if (resource is SimDisk && Settings.Failures.LeakDiskOnDelete.Contains(resource.VmName))
            {
                throw Error("InjectedLeak", $"the delete of disk {resource.Id} of {resource.VmName} was refused (failures.leakDiskOnDelete)", requestId);
            }

            if (resource is SimInstance instance)
            {
                instance.TerminatedAt = Time.GetUtcNow();
                return requestId;
            }

            _resources.Remove(resource.Id);
            if (resource is SimDisk disk)
            {
                _disksByKey.Remove(disk.IdempotencyKey);
            }
        }

        return requestId;
    }

    // Like EC2, a terminated instance stays describable for a while and then disappears, so an embedded host running
    // drills for months does not accumulate them.
    private void ForgetOldTerminated()
    {
        var horizon = Time.GetUtcNow() - TerminatedRetention;
        foreach (var old in _resources.Values.OfType<SimInstance>().Where(i => i.TerminatedAt < horizon).ToList())
        {
            _resources.Remove(old.Id);
            _instancesByKey.Remove(old.IdempotencyKey);
        }
    }

    private void CheckLaunchable(LaunchRequest request, DateTimeOffset now, string requestId)
    {
        if (request.Disks.Count == 0 || string.IsNullOrWhiteSpace(request.InstanceType))
        {
            throw Error("InvalidParameterValue", $"the launch of {request.VmName} needs a boot disk and an instance type", requestId);
        }

        foreach (var d in request.Disks)
        {
            if (_resources.GetValueOrDefault(d.Id) is not SimDisk disk)
            {
                throw Error("InvalidVolume.NotFound", $"the disk {d.Id} does not exist", requestId);
            }

            if (disk.State != SimDiskState.Complete || disk.ReadyAt > now)
            {
                throw Error("IncorrectState", $"the disk {d.Id} is still being hydrated", requestId);
            }

            if (disk.AttachedTo is { } other && _resources.GetValueOrDefault(other) is SimInstance { Terminated: false })
            {
                throw Error("VolumeInUse", $"the disk {d.Id} is attached to {other}", requestId);
            }
        }
    }

    private string? VmOf(string resourceId)
    {
        lock (_lock)
        {
            return _resources.GetValueOrDefault(resourceId)?.VmName;
        }
    }

    private string NextId(string prefix) => $"{prefix}-sim{Interlocked.Increment(ref _ids):x8}";

    private string NextAddress()
    {
        var n = Interlocked.Increment(ref _addresses) - 1;
        return $"10.{100 + (n / 62_500 % 100)}.{n / 250 % 250}.{(n % 250) + 4}";
    }

    private static CloudOperationException Error(string code, string message, string requestId) =>
        new($"SIMULATED {code}: {message} (request {requestId}).", code, requestId);
}
