namespace Failkit.Activities.Sim;

/// <summary>Anything the simulated cloud holds, tagged like a real resource.</summary>
public class SimResource(string type, string id, string vmName, IReadOnlyDictionary<string, string> tags)
{
    /// <summary>instance, disk, nic or ip (the <c>CloudResource.Type</c> words).</summary>
    public string Type { get; } = type;

    public string Id { get; } = id;

    public string VmName { get; } = vmName;

    public IReadOnlyDictionary<string, string> Tags { get; } = tags;

    /// <summary>The instance a disk, NIC or IP is attached to; deleting it first fails as the cloud would.</summary>
    public string? AttachedTo { get; internal set; }
}

public enum SimDiskState
{
    /// <summary>Created, blocks being written.</summary>
    Writing,

    /// <summary>Complete; usable once <see cref="SimDisk.ReadyAt"/> has passed.</summary>
    Complete,
}

/// <summary>A hydrated disk. The sim keeps a digest of the blocks, not the blocks, so a 500-VM drill stays small.</summary>
public sealed class SimDisk(string id, string vmName, IReadOnlyDictionary<string, string> tags, string idempotencyKey, long sizeBytes, int blockSize)
    : SimResource("disk", id, vmName, tags)
{
    public string IdempotencyKey { get; } = idempotencyKey;

    public long SizeBytes { get; } = sizeBytes;

    public int BlockSize { get; } = blockSize;

    public SimDiskState State { get; internal set; }

    public DateTimeOffset? ReadyAt { get; internal set; }

    public long BlocksWritten { get; internal set; }

    public long BytesWritten { get; internal set; }

    /// <summary>SHA-256 over each written block's index (8 bytes, little endian) then its data, in arrival order.</summary>
    public string? ContentSha256 { get; internal set; }
}

public sealed class SimInstance(
    string id,
    string vmName,
    IReadOnlyDictionary<string, string> tags,
    string idempotencyKey,
    string instanceType,
    string privateAddress,
    DateTimeOffset launchedAt,
    SimVmSamples samples,
    IReadOnlyList<string> diskIds)
    : SimResource("instance", id, vmName, tags)
{
    public string IdempotencyKey { get; } = idempotencyKey;

    public string InstanceType { get; } = instanceType;

    public string PrivateAddress { get; } = privateAddress;

    public DateTimeOffset LaunchedAt { get; } = launchedAt;

    public SimVmSamples Samples { get; } = samples;

    public IReadOnlyList<string> DiskIds { get; } = diskIds;

    public bool Terminated => TerminatedAt is not null;

    public DateTimeOffset? TerminatedAt { get; internal set; }
}
