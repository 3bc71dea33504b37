namespace Failkit.Drills.Cloud;

/// <summary>A disk of a recovery point as plaintext blocks. Only blocks that hold data are enumerated; the rest of
/// the disk reads as zeros.</summary>
public sealed record DiskImage(string DiskName, long SizeBytes, int BlockSize, Func<CancellationToken, IAsyncEnumerable<DiskBlock>> ReadBlocks);

/// <summary>One block of a disk: its index (offset = index × block size) and its bytes.</summary>
public readonly record struct DiskBlock(long Index, ReadOnlyMemory<byte> Data);

public sealed record HydrateRequest(string DrillTagValue, string VmName, string IdempotencyKey, DiskImage Disk, IReadOnlyDictionary<string, string> Tags);

/// <summary>A bootable disk or image; <paramref name="Kind"/> is the cloud's word (snapshot, image, disk).</summary>
public sealed record CloudDisk(string Id, string Kind, IReadOnlyList<string> RequestIds);

/// <param name="Disks">The boot disk first.</param>
public sealed record LaunchRequest(
    string DrillTagValue,
    string VmName,
    string IdempotencyKey,
    IReadOnlyList<CloudDisk> Disks,
    string InstanceType,
    IReadOnlyDictionary<string, string> Tags);

public sealed record CloudInstance(string Id, string? PrivateAddress, IReadOnlyList<string> RequestIds);

public enum InstancePhase
{
    Pending,
    Running,
    Stopped,
    Terminated,
    Failed,
}

/// <param name="StatusChecksPassed">The cloud's own health checks (EC2 status checks, Azure VM agent ready,
/// GCE guest attributes); null when the cloud reports none.</param>
/// <param name="ConsoleTail">The end of the serial console, where a boot marker may appear.</param>
public sealed record InstanceState(InstancePhase Phase, bool? StatusChecksPassed, string? ConsoleTail, string? PrivateAddress, string? Detail = null);

/// <param name="Type">instance, disk, snapshot, image, nic, ip, blob...</param>
public sealed record CloudResource(string Type, string Id, string? Name = null);

public sealed record TeardownReport(IReadOnlyList<CloudResource> Deleted, IReadOnlyList<TeardownFailure> Failures, IReadOnlyList<string> RequestIds);

public sealed record TeardownFailure(CloudResource Resource, string Error);
