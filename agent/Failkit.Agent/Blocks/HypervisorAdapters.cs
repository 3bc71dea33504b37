namespace Failkit.Agent.Blocks;

/// <summary>
/// vSphere VDDK with Changed Block Tracking. The VDDK native library and a vCenter are not available
/// on this platform; this type holds the contract so the replication engine needs no change when the
/// adapter is built against them.
/// </summary>
public sealed class VSphereCbtSource : IBlockSource
{
    public VSphereCbtSource(string uri) =>
        throw new PlatformNotSupportedException(
            $"vSphere source '{uri}' is not available on this platform: it needs VMware VDDK (libvixDiskLib) and a vCenter; " +
            "use a raw image or a block device of an exported or snapshot disk instead");

    public string Description => "vSphere CBT";

    public long Length => 0;

    public int Read(long offset, Span<byte> buffer) => throw new PlatformNotSupportedException();

    /// <summary>Maps to QueryChangedDiskAreas(snapshot, deviceKey, 0, changeId).</summary>
    public IReadOnlyList<(long Offset, long Length)>? ChangedRangesSince(string? changeId) =>
        throw new PlatformNotSupportedException();

    public void Dispose() { }
}

/// <summary>
/// Hyper-V Resilient Change Tracking. It needs Windows and the Hyper-V WMI provider
/// (Msvm_VirtualSystemSnapshotService), so on this platform it reports that clearly.
/// </summary>
public sealed class HyperVRctSource : IBlockSource
{
    public HyperVRctSource(string uri) =>
        throw new PlatformNotSupportedException(
            $"Hyper-V source '{uri}' is not available on this platform: RCT needs Windows with the Hyper-V WMI provider");

    public string Description => "Hyper-V RCT";

    public long Length => 0;

    public int Read(long offset, Span<byte> buffer) => throw new PlatformNotSupportedException();

    /// <summary>Maps to QueryChangedVirtualDiskRanges(rctId).</summary>
    public IReadOnlyList<(long Offset, long Length)>? ChangedRangesSince(string? changeId) =>
        throw new PlatformNotSupportedException();

    public void Dispose() { }
}
